using System.Net;
using Grpc.Core;
using OrleansP2P.Api.Tests.Infrastructure;
using OrleansP2P.Protos;

namespace OrleansP2P.Api.Tests.Security;

public sealed class PrivatePeerTests(PrivatePeerFixture peer) : IClassFixture<PrivatePeerFixture>
{
    [Theory]
    [InlineData("/files")]
    [InlineData("/peers")]
    [InlineData("/status")]
    [InlineData("/search?query=a")]
    public async Task A_private_peer_refuses_unsigned_reads(string path)
    {
        using var response = await peer.Client.GetAsync(new Uri(path, UriKind.Relative));

        await ProblemAssert.IsDetailedProblemAsync(response, 401);
    }

    [Fact]
    public async Task A_private_peer_still_answers_health()
    {
        using var response = await peer.Client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_from_a_non_loopback_address_over_plain_http_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/files", UriKind.Relative));
        request.Headers.Authorization = new("Bearer", SignedPeerFixture.Key);

        using var response = await peer.Client.SendAsync(request);

        Assert.Contains("only over TLS or from loopback", await ProblemAssert.IsDetailedProblemAsync(response, 401), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_peer_refuses_unsigned_grpc_downloads()
    {
        using var channel = peer.CreateGrpcChannel();
        var client = new FileTransfer.FileTransferClient(channel);

        using var call = client.Download(new DownloadRequest { Name = "x" });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}
