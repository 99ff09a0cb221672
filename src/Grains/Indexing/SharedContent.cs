using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Indexing;

/// <summary>A shared file found by its content, with the leaves of its piece tree in order (lower-case hex).</summary>
public sealed record SharedContent(FileEntry Entry, IReadOnlyList<string> Pieces);
