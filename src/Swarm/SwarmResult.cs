namespace OrleansP2P.Swarm;

/// <summary>A finished download: the file is at <see cref="Path"/>, its tree and SHA-256 verified.</summary>
/// <param name="ResumedBytes">Bytes of pieces verified by an earlier run and not fetched again.</param>
public sealed record SwarmResult(string Path, string Sha256, long Size, long ResumedBytes, TimeSpan Elapsed, SwarmProgress Final);
