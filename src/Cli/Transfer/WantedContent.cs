using OrleansP2P.Contracts.Content;

namespace OrleansP2P.Cli.Transfer;

/// <summary>One content <c>p2p get</c> fetches: its link (the name to save it under is its <c>dn</c>) and every holder known.</summary>
public sealed record WantedContent(MagnetLink Link, IReadOnlyList<Uri> Holders)
{
    /// <summary>The file name to save under: the link's <c>dn</c>, or the SHA-256 when it has none.</summary>
    public string Name => Link.Name ?? Link.Sha256;
}

/// <summary>A name that several different contents answer to: listed with their links, and not fetched.</summary>
public sealed record AmbiguousName(string Name, IReadOnlyList<WantedContent> Contents);
