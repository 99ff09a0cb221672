namespace OrleansP2P.Cli.Tests.Transfer;

/// <summary>
/// The size a source announces is checked against the free space of the output folder's file system before a byte is
/// written: a source cannot fill the disk by announcing (and sending) more than fits.
/// </summary>
[Collection(ProcessState.Name)]
public sealed class FreeSpaceTests : IDisposable
{
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
}
