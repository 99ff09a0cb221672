using System.Net;
using Grpc.Core;
using OrleansP2P.Integration.Tests.Infrastructure;
using OrleansP2P.Protos;

namespace OrleansP2P.Integration.Tests.Transfer;

/// <summary>
/// Uploads from clients that announce much and send little, or too much at once: no disk is set aside before bytes
/// arrive, a client address holds at most four uploads, an idle one is cut, and the quota holds under parallel uploads.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class HostileUploadTests(HostileUploadPeer fixture) : IClassFixture<HostileUploadPeer>
{
    private const int UploadSize = 20 << 20;

    private PeerProcess Peer => fixture.Peer;

    [Fact]
    public async Task Header_only_uploads_take_no_disk_a_fifth_is_refused_and_all_are_cut_once_idle()
    {
        using var calls = new TransferCalls(Peer);
        var grpc = new List<AsyncClientStreamingCall<UploadChunk, UploadResult>>();
        try
        {
            for (var i = 0; i < 3; i++)
                grpc.Add(await HeaderOnlyAsync(calls, $"header-only-{i}.bin"));
            using var http = await RawHttpUpload.StartAsync(Peer, "header-only-http.bin", UploadSize);
            await Poll.UntilAsync(() => Task.FromResult(Peer.TempEntries().Count), n => n == 4, "four part files");

            Assert.InRange(await Peer.TempDiskUsageAsync(), 0, 4L << 20); // under 1 MiB each, of the 20 MiB announced
            using (var fifth = await HeaderOnlyAsync(calls, "fifth.bin"))
                Assert.Equal(StatusCode.ResourceExhausted, (await Assert.ThrowsAsync<RpcException>(() => fifth.ResponseAsync)).StatusCode);
            using (var sixth = await RawHttpUpload.StartAsync(Peer, "sixth.bin", UploadSize))
                Assert.Equal(429, await sixth.StatusAsync(TimeSpan.FromSeconds(10)));

            foreach (var call in grpc)
                Assert.Equal(StatusCode.DeadlineExceeded, (await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync)).StatusCode);
            Assert.Equal(408, await http.StatusAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            foreach (var call in grpc)
                call.Dispose();
        }
        await Peer.WaitForEmptyTempAsync();
        Assert.Empty(Peer.SharedEntries());
    }

    /// <summary>
    /// An HTTP upload that sends a little and stops is cut with 408, and the cut leaves Kestrel's body reader able to
    /// drain the rest (a read cancelled by its token did not: Kestrel logged "automatic draining of the request body
    /// failed" for every such upload).
    /// </summary>
    [Fact]
    public async Task An_http_upload_that_stalls_midway_is_cut_with_408_and_drained_cleanly()
    {
        using (var http = await RawHttpUpload.StartAsync(Peer, "stalls-midway.bin", UploadSize, TestFiles.Bytes(1000, seed: 3)))
            Assert.Equal(408, await http.StatusAsync(TimeSpan.FromSeconds(10)));
        await Peer.WaitForEmptyTempAsync();
        Assert.Empty(Peer.SharedEntries());
        Assert.DoesNotContain("draining of the request body failed", Peer.Log, StringComparison.Ordinal);
    }

    /// <summary>
    /// Eight parallel uploads of 20 MiB into a 100 MiB share, four from each of two client addresses (a client address
    /// may have four in flight): five fit, three are refused, and no part file is left. Each upload has its own
    /// connection, as <c>p2p put</c> does: on a shared one, .NET's client can send a DATA frame after resetting a refused
    /// stream, and Kestrel answers that with a connection error (STREAM_CLOSED) that fails the other uploads on it.
    /// </summary>
    [Fact]
    public async Task Parallel_uploads_never_take_the_share_over_its_quota_and_leave_no_part_files()
    {
        var content = TestFiles.Bytes(UploadSize, seed: 21);
        try
        {
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
            {
                using var calls = new TransferCalls(Peer, from: IPAddress.Parse(i % 2 == 0 ? "127.0.0.1" : "127.0.0.2"));
                try
                {
                    await calls.UploadAsync($"parallel-{i}.bin", content);
                    return StatusCode.OK;
                }
                catch (RpcException e)
                {
                    return e.StatusCode;
                }
            }));

            var landed = Directory.EnumerateFiles(Peer.SharedDir).Sum(f => new FileInfo(f).Length);
            Assert.InRange(landed, 0, HostileUploadPeer.Quota);
            Assert.Equal(5, outcomes.Count(o => o == StatusCode.OK));
            Assert.Equal(3, outcomes.Count(o => o == StatusCode.ResourceExhausted));
            Assert.Equal(5L * UploadSize, landed);
            Assert.Empty(Peer.TempEntries());
        }
        finally
        {
            foreach (var file in Directory.EnumerateFiles(Peer.SharedDir))
                File.Delete(file); // the other test needs the room
        }
    }

    private static async Task<AsyncClientStreamingCall<UploadChunk, UploadResult>> HeaderOnlyAsync(TransferCalls calls, string name)
    {
        var call = calls.Client.Upload(deadline: TransferCalls.Deadline());
        await call.RequestStream.WriteAsync(new UploadChunk { Info = new FileHeader { Name = name, Size = UploadSize, Sha256 = new string('0', 64) } });
        return call;
    }
}
