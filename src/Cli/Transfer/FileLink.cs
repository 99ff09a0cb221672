using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Cli.Transfer;

/// <summary>The magnet link of a file a peer lists (<c>/files</c> or a search hit), checked as <c>p2p get</c> checks any link.</summary>
public static class FileLink
{
    /// <returns>The link, or null with the reason: no piece tree (a peer older than content addressing) or a malformed entry.</returns>
    public static MagnetLink? Of(FileDto file, out string? problem)
    {
        if (file.Tree is null || file.PieceSize != PieceTree.PieceSize)
        {
            problem = "without a piece tree: the peer is older than content addressing";
            return null;
        }
        var text = new MagnetLink(file.Checksum.ToLowerInvariant(), file.Tree.ToLowerInvariant(), file.Size, file.Name).ToString();
        if (MagnetLink.TryParse(text, out var link, out problem))
            return link;
        problem = $"with a malformed entry: {problem}";
        return null;
    }
}
