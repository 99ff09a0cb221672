using System.Text.Json;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Swarm;

namespace OrleansP2P.Cli.Output;

/// <summary>
/// <c>p2p get --json</c> while it runs: one JSON object per line and report, so a script (or a test) sees the verified
/// fraction and each holder's bytes as they grow. Lines from downloads running at once never interleave.
/// </summary>
public sealed class ProgressLines(TextWriter output)
{
    private readonly Lock _gate = new();

    public void Write(string name, SwarmProgress progress)
    {
        var line = JsonSerializer.Serialize(new ProgressLine(name, progress.Sha256, progress.Size, progress.BytesVerified,
            Math.Round(progress.VerifiedFraction, 4), progress.BytesPerSecond, progress.BadPieces, progress.Sources), P2PJson.Options);
        lock (_gate)
            output.WriteLine(line);
    }

    /// <param name="Event">Always <c>progress</c>: what tells these lines from the final answer.</param>
    private sealed record ProgressLine(
        string Name, string Sha256, long Size, long BytesVerified, double VerifiedFraction, double BytesPerSecond, int BadPieces,
        IReadOnlyList<SourceProgress> Sources, string Event = "progress");
}
