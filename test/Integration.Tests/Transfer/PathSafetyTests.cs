using Grpc.Core;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Transfer;

[Collection(PeerCollection.Name)]
public sealed class PathSafetyTests(UploadPeer fixture) : IClassFixture<UploadPeer>
{
    public static readonly string[] UnsafeNames =
        ["../x", "/etc/passwd", "a/b", "..\\x", "CON", "nul.txt", "com1", "LPT1.log", "a\0b", "\0", "..", ".", ".hidden", "x.part", "tab\tname", ""];

    private PeerProcess Peer => fixture.Peer;

    [Fact]
    public async Task Unsafe_upload_names_are_invalid_argument_and_nothing_is_written_anywhere()
    {
        using var calls = new TransferCalls(Peer);
        var outside = Path.GetDirectoryName(Peer.Folder)!;
        var outsideBefore = Directory.EnumerateFileSystemEntries(outside).Where(e => Path.GetFileName(e) is "x" or "b" or "passwd").ToList();
        var folderBefore = TopLevel(Peer.Folder);

        foreach (var name in UnsafeNames)
            Assert.Equal(StatusCode.InvalidArgument, await calls.UploadStatusAsync(name, "evil"u8.ToArray()));

        Assert.Empty(Peer.SharedEntries());
        Assert.Empty(Peer.TempEntries());
        Assert.Equal(folderBefore, TopLevel(Peer.Folder));
        Assert.Equal(outsideBefore, Directory.EnumerateFileSystemEntries(outside).Where(e => Path.GetFileName(e) is "x" or "b" or "passwd").ToList());
        Assert.NotEqual("evil", File.Exists("/etc/passwd") ? await File.ReadAllTextAsync("/etc/passwd") : "");
    }

    [Fact]
    public async Task Unsafe_download_names_are_refused_without_reading_anything()
    {
        using var calls = new TransferCalls(Peer);
        var before = await Peer.TransfersAsync("download", "rejected");
        var names = UnsafeNames.Append("../peer.json").Append("../../etc/passwd").ToList();

        foreach (var name in names)
            Assert.Contains(await calls.DownloadStatusAsync(name), new[] { StatusCode.NotFound, StatusCode.InvalidArgument });

        await Peer.WaitForTransfersAsync("download", "rejected", before + names.Count);
    }

    private static List<string> TopLevel(string folder) => [.. Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal)];
}
