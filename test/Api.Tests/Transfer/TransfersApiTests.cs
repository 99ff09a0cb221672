using Grpc.Core;
using OrleansP2P.Protos;

namespace OrleansP2P.Api.Tests.Transfer;

/// <summary><c>GET /transfers</c> and the transfer metrics, fed by gRPC and HTTP transfers alike.</summary>
public sealed class TransfersApiTests(PeerFixture peer) : IClassFixture<PeerFixture>
{
    [Fact]
    public async Task A_grpc_download_shows_on_the_board_with_transport_grpc_and_its_bytes()
    {
        using var channel = peer.CreateGrpcChannel();
        var client = new FileTransfer.FileTransferClient(channel);
        using (var call = client.Download(new DownloadRequest { Name = SampleShare.Text }))
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        }

        var transfers = await peer.GetJsonAsync("/transfers");

        var entry = transfers.GetProperty("transfers").EnumerateArray()
            .First(t => t.GetProperty("transport").GetString() == "grpc" && t.GetProperty("name").GetString() == SampleShare.Text);
        Assert.Equal(SampleShare.Text, entry.GetProperty("name").GetString());
        Assert.Equal("download", entry.GetProperty("direction").GetString());
        Assert.Equal("ok", entry.GetProperty("outcome").GetString());
        Assert.Equal(peer.Share.Listed[SampleShare.Text].Length, entry.GetProperty("bytes").GetInt64());
        Assert.True(entry.GetProperty("started").GetDouble() > 1_600_000_000, "started is Unix seconds");
    }

    [Fact]
    public async Task A_download_of_an_unknown_name_shows_as_rejected_with_the_reason_and_without_the_name()
    {
        using (var missing = await peer.Client.GetAsync(new Uri("/files/Visit%20evil.example%20now.txt", UriKind.Relative)))
            await ProblemAssert.IsDetailedProblemAsync(missing, 404);
        using var channel = peer.CreateGrpcChannel();
        using (var call = new FileTransfer.FileTransferClient(channel).Download(new DownloadRequest { Name = "Visit evil.example now.txt" }))
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext())).StatusCode);

        var transfers = (await peer.GetJsonAsync("/transfers")).GetProperty("transfers").EnumerateArray().ToList();

        foreach (var transport in new[] { "http", "grpc" })
        {
            var rejected = transfers.First(t => t.GetProperty("transport").GetString() == transport && t.GetProperty("outcome").GetString() == "rejected");
            Assert.Equal("", rejected.GetProperty("name").GetString()); // only a name the index resolved is shown
            Assert.Equal(0, rejected.GetProperty("bytes").GetInt64());
            Assert.Contains("no shared file", rejected.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain(transfers, t => t.GetRawText().Contains("evil", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_upload_with_an_unsafe_name_shows_on_the_board_as_invalid_not_as_sent()
    {
        using var channel = peer.CreateGrpcChannel();
        using (var call = new FileTransfer.FileTransferClient(channel).Upload())
        {
            await call.RequestStream.WriteAsync(new UploadChunk { Info = new FileHeader { Name = "../cron.d/evil", Size = 1, Sha256 = new string('0', 64) } });
            Assert.Equal(StatusCode.InvalidArgument, (await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync)).StatusCode);
        }

        var transfers = (await peer.GetJsonAsync("/transfers")).GetProperty("transfers").EnumerateArray().ToList();

        var upload = transfers.First(t => t.GetProperty("direction").GetString() == "upload");
        Assert.Equal("(invalid)", upload.GetProperty("name").GetString());
        Assert.Equal("rejected", upload.GetProperty("outcome").GetString());
        Assert.DoesNotContain(transfers, t => t.GetRawText().Contains("evil", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_openapi_document_describes_file_content_upload_and_transfers()
    {
        var document = await peer.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/files/{name}").TryGetProperty("get", out _), "GET /files/{name} is documented");
        Assert.True(paths.GetProperty("/files/{name}").TryGetProperty("post", out _), "POST /files/{name} is documented");
        Assert.True(paths.GetProperty("/transfers").TryGetProperty("get", out _), "GET /transfers is documented");
    }
}
