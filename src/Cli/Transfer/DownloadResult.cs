using System.Diagnostics;
using OrleansP2P.Cli.Output;

namespace OrleansP2P.Cli.Transfer;

/// <summary>A finished, verified download; printed as a summary line, or as JSON with <c>--json</c>.</summary>
/// <param name="Bytes">The file's size.</param>
/// <param name="ResumedFrom">Bytes kept from an earlier interrupted attempt (0 for a fresh download).</param>
/// <param name="AlreadyPresent">The file was there already with the announced SHA-256: nothing was fetched or written.</param>
public sealed record DownloadResult(
    string Name, string Source, string Path, long Bytes, long ResumedFrom, string Sha256, double ElapsedMs, double MegabytesPerSecond,
    bool AlreadyPresent = false)
{
    /// <param name="kept">Bytes not fetched this time: a resumed part file, or the whole file when it was already there.</param>
    /// <param name="started">When the download started (<see cref="Stopwatch.GetTimestamp"/>).</param>
    public static DownloadResult Of(string name, GrpcTarget source, string path, AnnouncedFile announced, long kept, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new DownloadResult(name, source.ToString(), path, announced.Size, kept, announced.Sha256,
            Math.Round(elapsed.TotalMilliseconds, 1), Math.Round(Format.MegabytesPerSecondValue(announced.Size - kept, elapsed), 2));
    }
}
