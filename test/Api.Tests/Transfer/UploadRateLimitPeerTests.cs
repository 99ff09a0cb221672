using System.Diagnostics;
using System.Net;
using Grpc.Core;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Protos;

namespace OrleansP2P.Api.Tests.Transfer;

/// <summary>
/// <c>upload_rate_limit</c> on a peer: one budget of bytes per second over every serving path, and the bounds of
/// <c>/content</c> and <c>/pieces</c> (requests in flight per address, not the per-minute budget).
/// </summary>
public sealed class UploadRateLimitPeerTests(ThrottledPeerFixture peer) : IClassFixture<ThrottledPeerFixture>
{
    private byte[] Binary => peer.Share.Listed[SampleShare.Binary];

    private string BinarySha256 => SampleShare.Sha256Hex(Binary);

    [Fact]
    public async Task Downloads_over_files_content_and_grpc_together_keep_to_one_rate()
    {
        using var channel = peer.CreateGrpcChannel();
        var grpc = new FileTransfer.FileTransferClient(channel);
        var clock = Stopwatch.StartNew();

        var received = await Task.WhenAll(
            peer.Client.GetByteArrayAsync(new Uri($"/files/{SampleShare.Binary}", UriKind.Relative)),
            peer.Client.GetByteArrayAsync(new Uri($"/content/{BinarySha256}", UriKind.Relative)),
            GrpcDownloadAsync(grpc));
        clock.Stop();

        Assert.All(received, bytes => Assert.Equal(Binary, bytes));
        // Each alone would take half a second; one shared bucket (of at most 64 KiB to start with) makes them wait for each other.
        var floor = TimeSpan.FromSeconds((3.0 * Binary.Length - 65_536) / ThrottledPeerFixture.BytesPerSecond * 0.9);
        Assert.True(clock.Elapsed >= floor, $"600 000 bytes at {ThrottledPeerFixture.BytesPerSecond} B/s took only {clock.Elapsed}");
    }

    [Fact]
    public async Task Content_and_pieces_are_not_counted_against_the_per_minute_budget()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4 * ThrottledPeerFixture.PerMinute; i++)
        {
            using var pieces = await peer.Client.GetAsync(new Uri($"/pieces/{BinarySha256}", UriKind.Relative));
            using var head = await peer.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri($"/content/{BinarySha256}", UriKind.Relative)));
            statuses.AddRange([pieces.StatusCode, head.StatusCode]);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task A_request_past_sixteen_content_requests_in_flight_from_one_address_is_429_with_retry_after()
    {
        // At 400 kB/s shared by sixteen, none of these 200 kB downloads can end before the seventeenth is sent.
        var inFlight = await Task.WhenAll(Enumerable.Range(0, PeerRateLimits.ContentPerAddress).Select(_ =>
            peer.Client.GetAsync(new Uri($"/content/{BinarySha256}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead)));
        try
        {
            Assert.All(inFlight, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

            using var refused = await peer.Client.GetAsync(new Uri($"/pieces/{BinarySha256}", UriKind.Relative));

            await ProblemAssert.IsDetailedProblemAsync(refused, 429);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 without a Retry-After");
        }
        finally
        {
            foreach (var response in inFlight)
                response.Dispose();
        }
    }

    [Fact]
    public async Task Status_shows_the_configured_upload_rate_limit()
    {
        var status = await peer.GetJsonAsync("/status");

        Assert.Equal(ThrottledPeerFixture.BytesPerSecond, status.GetProperty("config").GetProperty("upload_rate_limit").GetInt64());
    }

    private static async Task<byte[]> GrpcDownloadAsync(FileTransfer.FileTransferClient grpc)
    {
        using var call = grpc.Download(new DownloadRequest { Name = SampleShare.Binary });
        var bytes = new MemoryStream();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            if (chunk.PayloadCase == DownloadChunk.PayloadOneofCase.Data)
                chunk.Data.WriteTo(bytes);
        }
        return bytes.ToArray();
    }
}
