namespace OrleansP2P.Swarm;

/// <summary>A finished download: the file is at <see cref="Path"/>, its tree and SHA-256 verified.</summary>
/// <param name="ResumedBytes">Bytes of pieces verified by an earlier run and not fetched again.</param>
/// <param name="Tree">The verified piece-tree root (<c>x.tree</c>).</param>
/// <param name="Leaves">Every piece's verified leaf hash (hex), in order: a peer shares the file without reading it again.</param>
public sealed record SwarmResult(string Path, string Sha256, long Size, long ResumedBytes, TimeSpan Elapsed, SwarmProgress Final,
    string Tree, IReadOnlyList<string> Leaves);
