namespace OrleansP2P.Cli.Transfer;

/// <summary>A finished, verified download; printed as a summary line, or as JSON with <c>--json</c>.</summary>
/// <param name="Bytes">The file's size.</param>
/// <param name="ResumedFrom">Bytes kept from an earlier interrupted attempt (0 for a fresh download).</param>
/// <param name="AlreadyPresent">The file was there already with the announced SHA-256: nothing was fetched or written.</param>
public sealed record DownloadResult(
    string Name, string Source, string Path, long Bytes, long ResumedFrom, string Sha256, double ElapsedMs, double MegabytesPerSecond,
    bool AlreadyPresent = false);
