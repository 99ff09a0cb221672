using System.Collections.Immutable;

namespace OrleansP2P.Grains.Abstractions;

/// <summary>The whole local index; <see cref="Version"/> grows by one on every change.</summary>
[GenerateSerializer, Immutable, Alias("p2p.FileIndexSnapshot")]
public sealed record FileIndexSnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableArray<FileEntry> Files)
{
    public static FileIndexSnapshot Empty { get; } = new(0, []);

    public long TotalBytes => Files.Sum(f => f.Size);
}
