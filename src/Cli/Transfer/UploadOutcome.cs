namespace OrleansP2P.Cli.Transfer;

/// <summary>A finished upload as the receiving peer confirmed it; printed as a summary, or as JSON with <c>--json</c>.</summary>
public sealed record UploadOutcome(
    string Name, string Target, long Bytes, int Chunks, string Sha256, double ElapsedMs, double MegabytesPerSecond);
