using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Swarm.Resuming;

namespace OrleansP2P.Swarm.Pieces;

/// <summary>
/// The leaves a download checks every piece against, accepted only when they fit the link: the link's SHA-256, the
/// contract's piece size, a size within bounds (and <c>xl</c> when given), one leaf per piece, and a root equal to
/// <c>x.tree</c>. The leaves are kept flat, 32 bytes each.
/// </summary>
internal sealed class PieceList(ContentId content, byte[] leaves)
{
    public ContentId Content { get; } = content;

    public int Count { get; } = content.PieceCount;

    public ReadOnlySpan<byte> Leaf(int index) => leaves.AsSpan(index * 32, 32);

    public static long Offset(int index) => (long)index * PieceTree.PieceSize;

    public int Length(int index) => PieceTree.PieceLength(Content.Size, index);

    /// <summary>The answer's leaves when it fits <paramref name="link"/>; otherwise null and why.</summary>
    public static PieceList? Accept(PiecesResponse answer, MagnetLink link, long maxSize, out string? problem)
    {
        problem = Problem(answer, link, maxSize);
        if (problem is not null)
            return null;
        var flat = new byte[answer.Pieces.Count * 32];
        for (var i = 0; i < answer.Pieces.Count; i++)
            Convert.FromHexString(answer.Pieces[i], flat.AsSpan(i * 32, 32), out _, out _);
        return new PieceList(new ContentId(link.Sha256, link.Tree, answer.Size), flat);
    }

    /// <summary>Bytes a valid piece list for a content of at most <paramref name="maxSize"/> can take as JSON.</summary>
    public static long MaxAnswerBytes(long maxSize) => 4096 + 70L * PieceTree.PieceCount(maxSize);

    private static string? Problem(PiecesResponse answer, MagnetLink link, long maxSize)
    {
        if (!string.Equals(answer.Sha256, link.Sha256, StringComparison.OrdinalIgnoreCase))
            return "its piece list is for another sha256";
        if (answer.PieceSize != PieceTree.PieceSize)
            return $"its piece size is {answer.PieceSize}, not {PieceTree.PieceSize}";
        if (answer.Size < 0 || answer.Size > maxSize)
            return $"it announces {answer.Size} bytes (at most {maxSize} accepted)";
        if (link.Size is { } size && size != answer.Size)
            return $"it announces {answer.Size} bytes, the link's xl says {size}";
        if (answer.Pieces.Count != PieceTree.PieceCount(answer.Size))
            return $"it lists {answer.Pieces.Count} pieces for {answer.Size} bytes";
        if (PieceTree.RootHex(answer.Pieces) is not { } root)
            return "its piece list holds a leaf that is not 64 hex digits";
        return string.Equals(root, link.Tree, StringComparison.Ordinal)
            ? null
            : $"its pieces' root is {root}, not the link's x.tree";
    }
}
