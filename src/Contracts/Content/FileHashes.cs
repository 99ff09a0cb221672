using System.Buffers;

namespace OrleansP2P.Contracts.Content;

/// <summary>A file's SHA-256, its piece leaves and its piece-tree root, all in lower-case hex.</summary>
public sealed record FileHashes(string Sha256, string Tree, IReadOnlyList<string> Pieces)
{
    /// <summary>
    /// Reads a file once through a <see cref="ContentHasher"/>: the whole-file SHA-256 in order while the pieces are
    /// hashed on the other cores, so the read and the whole-file hash, not the leaves, set the pace.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is gone.</exception>
    public static async Task<FileHashes> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await OfStreamAsync(stream, cancellationToken);
    }

    public static async Task<FileHashes> OfStreamAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var hasher = new ContentHasher();
        var buffer = ArrayPool<byte>.Shared.Rent(PieceTree.PieceSize);
        try
        {
            int length;
            while ((length = await stream.ReadAsync(buffer.AsMemory(0, PieceTree.PieceSize), cancellationToken)) > 0)
                await hasher.AppendAsync(buffer.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return await hasher.FinishAsync();
    }
}
