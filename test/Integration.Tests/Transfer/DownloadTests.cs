using Grpc.Core;
using OrleansP2P.Api.Transfer;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Transfer;

/// <summary>One peer sharing files whose sizes sit on the edges of buffers and chunks, and one of 100 MiB.</summary>
public sealed class EdgeSizePeer : IAsyncLifetime
{
    public static readonly long[] Sizes = [0, 1, 65535, 65536, 65537, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 100L << 20];

    public PeerProcess Peer { get; private set; } = null!;

    public static string NameOf(long size) => $"size-{size}.bin";

    public async Task InitializeAsync()
    {
        Peer = await PeerProcess.StartAsync("download", dir =>
        {
            foreach (var size in Sizes)
                TestFiles.Write(Path.Combine(dir, NameOf(size)), size, seed: (int)(size % 1000));
        });
        await Peer.WaitForFilesAsync(Sizes.Length);
    }

    public async Task DisposeAsync() => await Peer.DisposeAsync();
}

[Collection(PeerCollection.Name)]
public sealed class DownloadTests(EdgeSizePeer fixture) : IClassFixture<EdgeSizePeer>
{
    private PeerProcess Peer => fixture.Peer;

    [Fact]
    public async Task Every_download_equals_its_source_in_bytes_and_sha256_from_empty_to_100_MiB()
    {
        using var calls = new TransferCalls(Peer);
        foreach (var size in EdgeSizePeer.Sizes)
        {
            var source = await File.ReadAllBytesAsync(Path.Combine(Peer.SharedDir, EdgeSizePeer.NameOf(size)));
            var (header, data, chunks) = await calls.DownloadAsync(EdgeSizePeer.NameOf(size));

            Assert.Equal(EdgeSizePeer.NameOf(size), header.Name);
            Assert.Equal(size, header.Size);
            Assert.Equal(TestFiles.Sha256(source), header.Sha256);
            Assert.True(source.AsSpan().SequenceEqual(data), $"{size} bytes differ");
            Assert.Equal(TestFiles.Sha256(source), TestFiles.Sha256(data));
            Assert.Equal((size + FileTransferService.ChunkSize - 1) / FileTransferService.ChunkSize, chunks);
        }
    }

    [Fact]
    public async Task A_download_from_an_offset_announces_the_whole_file_then_sends_only_the_rest()
    {
        using var calls = new TransferCalls(Peer);
        var name = EdgeSizePeer.NameOf(65537);
        var source = await File.ReadAllBytesAsync(Path.Combine(Peer.SharedDir, name));

        var (header, data, _) = await calls.DownloadAsync(name, offset: 40_000);

        Assert.Equal(65537, header.Size);
        Assert.Equal(TestFiles.Sha256(source), header.Sha256);
        Assert.Equal(source[40_000..], data);
    }

    [Fact]
    public async Task An_offset_at_the_end_sends_only_the_header_and_one_outside_the_file_is_invalid_argument()
    {
        using var calls = new TransferCalls(Peer);
        var name = EdgeSizePeer.NameOf(65536);

        var (header, data, chunks) = await calls.DownloadAsync(name, offset: 65536);
        Assert.Equal(65536, header.Size);
        Assert.Empty(data);
        Assert.Equal(0, chunks);

        Assert.Equal(StatusCode.InvalidArgument, await calls.DownloadStatusAsync(name, offset: 65537));
        Assert.Equal(StatusCode.InvalidArgument, await calls.DownloadStatusAsync(name, offset: -1));
    }

    [Fact]
    public async Task An_unknown_name_is_not_found_and_counted_as_a_rejected_download()
    {
        using var calls = new TransferCalls(Peer);
        var before = await Peer.TransfersAsync("download", "rejected");

        Assert.Equal(StatusCode.NotFound, await calls.DownloadStatusAsync("missing.bin"));

        await Peer.WaitForTransfersAsync("download", "rejected", before + 1);
    }
}
