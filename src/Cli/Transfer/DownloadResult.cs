namespace OrleansP2P.Cli.Transfer;

/// <summary>A finished download; printed as a summary line, or as JSON with <c>--json</c>.</summary>
/// <param name="Verified">True when the peer announced a SHA-256 and the received bytes matched it.</param>
public sealed record DownloadResult(
    string Name, string Source, string Path, long Bytes, string Sha256, bool Verified, double ElapsedMs, double MegabytesPerSecond);
