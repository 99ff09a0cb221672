using System.Diagnostics;
using OrleansP2P.Cli.Output;
using OrleansP2P.Swarm;

namespace OrleansP2P.Cli.Transfer;

/// <summary>A content <c>p2p get</c> finished; with <c>--json</c> the bytes each holder sent and the bad pieces it sent.</summary>
/// <param name="ResumedBytes">Bytes of pieces an earlier run verified, not fetched again.</param>
/// <param name="AlreadyPresent">The file was there already with that SHA-256: nothing was fetched or written.</param>
public sealed record SwarmDownloadResult(
    string Name, string Path, long Size, string Sha256, long ResumedBytes, double ElapsedMs, double MegabytesPerSecond, int BadPieces,
    IReadOnlyList<SourceProgress> Sources, bool AlreadyPresent = false)
{
    public static SwarmDownloadResult Of(WantedContent wanted, SwarmResult result) => new(
        wanted.Name, result.Path, result.Size, result.Sha256, result.ResumedBytes, Math.Round(result.Elapsed.TotalMilliseconds, 1),
        Math.Round(Format.MegabytesPerSecondValue(result.Size - result.ResumedBytes, result.Elapsed), 2), result.Final.BadPieces,
        result.Final.Sources);

    /// <param name="started">When the attempt started (<see cref="Stopwatch.GetTimestamp"/>).</param>
    public static SwarmDownloadResult Present(WantedContent wanted, string path, long size, long started) => new(
        wanted.Name, path, size, wanted.Link.Sha256, size, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1), 0, 0, [],
        AlreadyPresent: true);
}
