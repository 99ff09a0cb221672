namespace OrleansP2P.Grains.Abstractions;

/// <summary>One regular file at the top of a peer's shared folder, as the indexer saw it.</summary>
[GenerateSerializer, Immutable, Alias("p2p.FileEntry")]
public sealed record FileEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] long Size,
    [property: Id(2)] long MtimeUnix,
    [property: Id(3)] string Sha256,
    [property: Id(4)] string Extension);
