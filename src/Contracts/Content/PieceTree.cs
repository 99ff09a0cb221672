using System.Security.Cryptography;

namespace OrleansP2P.Contracts.Content;

/// <summary>
/// The piece tree of the contract ("Content addressing"): leaves are the SHA-256 of each <see cref="PieceSize"/>
/// piece (the last may be short); the leaf count is padded to the next power of two with 32 zero bytes; an inner node
/// is SHA-256(left ‖ right); the root of one leaf is that leaf; an empty file's root is the SHA-256 of nothing.
/// </summary>
public static class PieceTree
{
    public const int PieceSize = 1 << 20;

    /// <summary>Pieces a file of <paramref name="size"/> bytes has (none for an empty file).</summary>
    public static int PieceCount(long size) =>
        size < 0 ? throw new ArgumentOutOfRangeException(nameof(size)) : checked((int)((size + PieceSize - 1) / PieceSize));

    /// <summary>Length of piece <paramref name="index"/> of a file of <paramref name="size"/> bytes.</summary>
    public static int PieceLength(long size, int index) => (int)Math.Min(PieceSize, size - (long)index * PieceSize);

    /// <summary>The leaf of one piece.</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> piece) => SHA256.HashData(piece);

    /// <summary>The root over <paramref name="leaves"/> (each 32 bytes).</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves)
    {
        if (leaves.Count == 0)
            return SHA256.HashData(ReadOnlySpan<byte>.Empty);
        var width = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)leaves.Count);
        var level = new byte[width][];
        for (var i = 0; i < width; i++)
            level[i] = i < leaves.Count ? leaves[i] : new byte[32];
        Span<byte> pair = stackalloc byte[64];
        while (width > 1)
        {
            width /= 2;
            for (var i = 0; i < width; i++)
            {
                level[2 * i].CopyTo(pair);
                level[2 * i + 1].CopyTo(pair[32..]);
                level[i] = SHA256.HashData(pair);
            }
        }
        return level[0];
    }

    /// <summary>The root over leaves in the contract's lower-case hex; null when a leaf is not 64 hex digits.</summary>
    public static string? RootHex(IReadOnlyList<string> leaves)
    {
        var bytes = new byte[leaves.Count][];
        for (var i = 0; i < leaves.Count; i++)
        {
            if (!Files.Sha256Hex.IsValid(leaves[i]))
                return null;
            bytes[i] = Convert.FromHexString(leaves[i]);
        }
        return Convert.ToHexStringLower(Root(bytes));
    }
}
