namespace OrleansP2P.Grains.Abstractions;

/// <summary>
/// One regular file at the top of a peer's shared folder, as the indexer saw it. <see cref="Tree"/> is the root of its
/// piece tree (lower-case hex); null for a hit from a peer older than content addressing, or one whose tree was malformed.
/// Its leaves stay with the indexer (a 10 GB file has 10 000 of them), not in the index.
/// </summary>
[GenerateSerializer, Immutable, Alias("p2p.FileEntry")]
public sealed record FileEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] long Size,
    [property: Id(2)] long MtimeUnix,
    [property: Id(3)] string Sha256,
    [property: Id(4)] string Extension,
    [property: Id(5)] string? Tree = null);
