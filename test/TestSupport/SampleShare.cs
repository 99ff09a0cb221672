using System.Security.Cryptography;
using OrleansP2P.Contracts.Content;

namespace OrleansP2P.Testing;

/// <summary>
/// A shared folder with known content: files a peer must list, and entries next to them that it
/// must never list or serve (a dotfile, a <c>.part</c> file, a file in a subfolder, a symlink to a
/// file outside the folder, a FIFO).
/// </summary>
public sealed class SampleShare
{
    public const string Text = "hello.txt";
    public const string Binary = "Data.BIN";
    public const string Empty = "empty.dat";
    public const string SpacedName = "my notes #1.txt";
    public const string Dotfile = ".hidden";
    public const string PartFile = "x.part";
    public const string Subfolder = "sub";
    public const string SubfolderFile = "sub/inner.txt";
    public const string Symlink = "link.txt";

    /// <summary>A named pipe: opening it for reading blocks until a writer comes, so a scanner must never open it.</summary>
    public const string Fifo = "pipe.txt";

    /// <summary>Larger than three 64 KiB chunks and not a multiple of the chunk size.</summary>
    public const int BinarySize = 200_000;

    private SampleShare(string sharedDir, string outsideFile, IReadOnlyDictionary<string, byte[]> listed)
    {
        SharedDir = sharedDir;
        OutsideFile = outsideFile;
        Listed = listed;
    }

    public string SharedDir { get; }

    /// <summary>The file outside <see cref="SharedDir"/> that <see cref="Symlink"/> points to.</summary>
    public string OutsideFile { get; }

    /// <summary>Every file a peer must list, by name, with its content.</summary>
    public IReadOnlyDictionary<string, byte[]> Listed { get; }

    /// <summary>Names a client might ask for that must never be listed or served.</summary>
    public static IReadOnlyList<string> Unlisted { get; } = [Dotfile, PartFile, Subfolder, SubfolderFile, Symlink, Fifo];

    /// <summary>Creates the sample under <paramref name="folder"/>/shared (and a secret file beside it).</summary>
    public static SampleShare Create(TempFolder folder)
    {
        var listed = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [Text] = "hello, peer\n"u8.ToArray(),
            [Binary] = TestData.Bytes(BinarySize, seed: 42),
            [Empty] = [],
            [SpacedName] = "a name that needs escaping in a URL\n"u8.ToArray(),
        };
        foreach (var (name, content) in listed)
            folder.Write($"shared/{name}", content);

        folder.Write($"shared/{Dotfile}", "hidden");
        folder.Write($"shared/{PartFile}", "half a download");
        folder.Write($"shared/{SubfolderFile}", "not at the top");
        var outside = folder.Write("outside/secret.txt", "must never be served");
        folder.Symlink($"shared/{Symlink}", outside);
        folder.MakeFifo($"shared/{Fifo}");
        return new SampleShare(folder.PathOf("shared"), outside, listed);
    }

    public static string Sha256Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The root of <paramref name="content"/>'s piece tree (lower-case hex), as <c>/files</c> lists it.</summary>
    public static string PieceTreeRoot(byte[] content) =>
        Convert.ToHexStringLower(PieceTree.Root([.. content.Chunk(PieceTree.PieceSize).Select(piece => PieceTree.Leaf(piece))]));
}
