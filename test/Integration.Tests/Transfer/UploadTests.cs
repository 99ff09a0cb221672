using Grpc.Core;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Transfer;

[Collection(PeerCollection.Name)]
public sealed class UploadTests(UploadPeer fixture) : IClassFixture<UploadPeer>
{
    private PeerProcess Peer => fixture.Peer;

    [Fact]
    public async Task An_uploaded_file_is_listed_at_once_and_downloads_identically()
    {
        using var calls = new TransferCalls(Peer);
        var content = TestFiles.Bytes(3 * 1024 * 1024 + 17, seed: 11);

        var result = await calls.UploadAsync("uploaded.bin", content);

        Assert.Equal("uploaded.bin", result.Name);
        Assert.Equal(content.Length, result.ReceivedBytes);
        Assert.Equal(13, result.Chunks);
        Assert.Equal(TestFiles.Sha256(content), result.Sha256);
        Assert.Contains("uploaded.bin", await Peer.ListedNamesAsync()); // no waiting: the upload rescans before it answers
        Assert.Equal(content, (await calls.DownloadAsync("uploaded.bin")).Data);
        Assert.Empty(Peer.TempEntries());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65536)]
    public async Task Uploads_of_edge_sizes_are_stored_exactly(int size)
    {
        using var calls = new TransferCalls(Peer);
        var content = TestFiles.Bytes(size, seed: size);
        var name = $"edge-{size}.bin";

        var result = await calls.UploadAsync(name, content);

        Assert.Equal(size, result.ReceivedBytes);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(Peer.SharedDir, name)));
        Assert.Equal(TestFiles.Sha256(content), (await calls.DownloadAsync(name)).Header.Sha256);
    }

    [Fact]
    public async Task An_upload_cut_mid_stream_leaves_nothing_visible_and_a_retry_succeeds()
    {
        using var calls = new TransferCalls(Peer);
        var content = TestFiles.Bytes(4 * 1024 * 1024, seed: 12);
        var failedBefore = await Peer.TransfersAsync("upload", "failed");

        await calls.UploadAndCancelAsync("cut.bin", content, chunks: 5);
        await Peer.WaitForEmptyTempAsync();

        Assert.DoesNotContain("cut.bin", Peer.SharedEntries());
        Assert.DoesNotContain("cut.bin", await Peer.ListedNamesAsync());
        await Peer.WaitForTransfersAsync("upload", "failed", failedBefore + 1);

        var retry = await calls.UploadAsync("cut.bin", content);
        Assert.Equal(TestFiles.Sha256(content), retry.Sha256);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(Peer.SharedDir, "cut.bin")));
    }

    [Fact]
    public async Task A_header_with_the_wrong_sha256_is_data_loss_and_nothing_is_kept()
    {
        using var calls = new TransferCalls(Peer);
        var content = TestFiles.Bytes(300_000, seed: 13);

        Assert.Equal(StatusCode.DataLoss, await calls.UploadStatusAsync("corrupt.bin", content, sha256: new string('0', 64)));

        Assert.DoesNotContain("corrupt.bin", Peer.SharedEntries());
        Assert.DoesNotContain("corrupt.bin", await Peer.ListedNamesAsync());
        Assert.Empty(Peer.TempEntries());
    }

    [Fact]
    public async Task A_stream_shorter_or_longer_than_announced_is_data_loss()
    {
        using var calls = new TransferCalls(Peer);
        var content = TestFiles.Bytes(100_000, seed: 14);

        Assert.Equal(StatusCode.DataLoss, await calls.UploadStatusAsync("short.bin", content, size: content.Length + 1));
        Assert.Equal(StatusCode.DataLoss, await calls.UploadStatusAsync("long.bin", content, size: content.Length - 1));

        Assert.DoesNotContain(Peer.SharedEntries(), e => e is "short.bin" or "long.bin");
        Assert.Empty(Peer.TempEntries());
    }

    [Fact]
    public async Task Data_before_info_is_invalid_argument()
    {
        using var calls = new TransferCalls(Peer);
        using var call = calls.Client.Upload(deadline: TransferCalls.Deadline());
        await call.RequestStream.WriteAsync(new Protos.UploadChunk { Data = Google.Protobuf.ByteString.CopyFromUtf8("hello") });
        await call.RequestStream.CompleteAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("data before info", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_over_max_upload_bytes_is_resource_exhausted_and_counted_as_rejected()
    {
        using var calls = new TransferCalls(Peer);
        var before = await Peer.TransfersAsync("upload", "rejected");

        Assert.Equal(StatusCode.ResourceExhausted, await calls.UploadStatusAsync("huge.bin", [1, 2, 3], size: UploadPeer.MaxUploadBytes + 1));

        await Peer.WaitForTransfersAsync("upload", "rejected", before + 1);
        Assert.DoesNotContain("huge.bin", Peer.SharedEntries());
    }

    [Fact]
    public async Task A_different_file_of_the_same_name_is_refused_unless_overwrite_and_the_same_file_is_accepted_again()
    {
        using var calls = new TransferCalls(Peer);
        var first = TestFiles.Bytes(50_000, seed: 15);
        var second = TestFiles.Bytes(60_000, seed: 16);
        var path = Path.Combine(Peer.SharedDir, "same-name.bin");
        await calls.UploadAsync("same-name.bin", first);

        Assert.Equal(StatusCode.AlreadyExists, await calls.UploadStatusAsync("same-name.bin", second));
        Assert.Equal(first, await File.ReadAllBytesAsync(path));

        var again = await calls.UploadAsync("same-name.bin", first);
        Assert.Equal(TestFiles.Sha256(first), again.Sha256);

        await calls.UploadAsync("same-name.bin", second, overwrite: true);
        Assert.Equal(second, await File.ReadAllBytesAsync(path));
        Assert.Equal(second, (await calls.DownloadAsync("same-name.bin")).Data);
        Assert.Empty(Peer.TempEntries());
        Assert.DoesNotContain(Peer.SharedEntries(), e => e.StartsWith('.'));
    }
}
