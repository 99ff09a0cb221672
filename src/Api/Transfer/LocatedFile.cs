using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Api.Transfer;

/// <summary>A shared file as indexed and its full path inside <c>shared_dir</c> (checked by <see cref="FileStore.PathOf"/>).</summary>
public sealed record LocatedFile(FileEntry Entry, string Path);
