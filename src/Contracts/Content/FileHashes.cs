using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace OrleansP2P.Contracts.Content;

/// <summary>A file's SHA-256, its piece leaves and its piece-tree root, all in lower-case hex.</summary>
public sealed record FileHashes(string Sha256, string Tree, IReadOnlyList<string> Pieces)
{
    /// <summary>
    /// Reads a file once: the whole-file SHA-256 is hashed in order on one task while the pieces are hashed on
    /// the other cores, so the read and the whole-file hash, not the leaves, set the pace.
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
        var leaves = new List<Task<byte[]>>();
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Pieces read but not yet in the whole-file hash; bounded, so memory is a few pieces per core.
        var pending = Channel.CreateBounded<(byte[] Buffer, int Length, Task Leaf)>(Math.Max(2, Environment.ProcessorCount * 2));
        var hasher = Task.Run(async () =>
        {
            await foreach (var (buffer, length, leaf) in pending.Reader.ReadAllAsync(cancellationToken))
            {
                whole.AppendData(buffer, 0, length);
                await leaf.ConfigureAwait(false);
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }, cancellationToken);

        try
        {
            int length;
            do
            {
                var buffer = ArrayPool<byte>.Shared.Rent(PieceTree.PieceSize);
                length = await stream.ReadAtLeastAsync(buffer.AsMemory(0, PieceTree.PieceSize), PieceTree.PieceSize, false, cancellationToken);
                if (length == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }
                var size = length;
                var leaf = Task.Run(() => PieceTree.Leaf(buffer.AsSpan(0, size)), cancellationToken);
                leaves.Add(leaf);
                await pending.Writer.WriteAsync((buffer, length, leaf), cancellationToken);
            }
            while (length == PieceTree.PieceSize);
        }
        finally
        {
            pending.Writer.TryComplete();
        }
        await hasher;
        var bytes = await Task.WhenAll(leaves);
        return new FileHashes(
            Convert.ToHexStringLower(whole.GetHashAndReset()),
            Convert.ToHexStringLower(PieceTree.Root(bytes)),
            [.. bytes.Select(Convert.ToHexStringLower)]);
    }
}
