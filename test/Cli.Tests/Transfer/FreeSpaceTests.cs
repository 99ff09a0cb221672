using System.Security.Cryptography;
using OrleansP2P.Cli.Output;
using OrleansP2P.Cli.Transfer;

namespace OrleansP2P.Cli.Tests.Transfer;

/// <summary>
/// The size a source announces is checked against the free space of the output folder's file system before a byte is
/// written: a source cannot fill the disk by announcing (and sending) more than fits.
/// </summary>
[Collection(ProcessState.Name)]
public sealed class FreeSpaceTests : IDisposable
{
    private const int Chunk = StubTransfer.ChunkSize;

    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("p2p-cli-space-");

    public void Dispose() => _out.Delete(recursive: true);

    [Fact]
    public async Task An_announced_size_beyond_the_free_space_is_refused_before_anything_is_written()
    {
        const long exbibyte = 1L << 60; // more than any disk this runs on
        await using var peer = await StubPeer.StartAsync(new StubTransfer
        {
            OnDownload = async (_, stream, _) =>
            {
                await stream.WriteAsync(StubTransfer.Header(exbibyte, new string('a', 64)));
                await StubTransfer.SendAsync(stream, new byte[StubTransfer.ChunkSize]);
            },
        });
        var folder = Path.Combine(_out.FullName, "not-yet-there");

        var run = await CliRun.RunAsync("download", "huge.bin", "--from", peer.Grpc, "--out", folder, "--json");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        run.AssertOneErrorLine("huge.bin", "free", folder);
        Assert.Empty(_out.EnumerateFileSystemInfos());
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public async Task What_a_resumed_part_file_holds_is_not_needed_again(int freeChunks, bool fits)
    {
        const string name = "resumed.bin";
        var content = RandomNumberGenerator.GetBytes(8 * Chunk);
        await using var peer = await StubPeer.StartAsync(StubTransfer.Serving(name, content));
        var final = Path.Combine(_out.FullName, name);
        await File.WriteAllBytesAsync(PartFile.PartPathOf(final), content[..(6 * Chunk)]);
        await File.WriteAllTextAsync(PartFile.HashPathOf(final), StubTransfer.Sha256(content));
        var downloader = new FileDownloader(peer.Target, SilentProgress.Instance) { FreeSpace = _ => freeChunks * Chunk };

        var failure = await Record.ExceptionAsync(() => downloader.DownloadAsync(name, _out.FullName, CancellationToken.None));

        if (fits)
        {
            Assert.Null(failure);
            Assert.Equal(content, await File.ReadAllBytesAsync(final));
        }
        else
        {
            Assert.Contains("too little for resumed.bin", Assert.IsType<CliException>(failure).Message, StringComparison.Ordinal);
            Assert.Equal(6 * Chunk, new FileInfo(PartFile.PartPathOf(final)).Length);
        }
    }
}
