using System.Diagnostics;
using OrleansP2P.Cli.Output;
using OrleansP2P.Swarm;
using OrleansP2P.Swarm.Resuming;

namespace OrleansP2P.Cli.Transfer;

/// <summary>
/// One content for <c>p2p get</c>, on the swarm engine: the name joined to <c>--out</c> only if safe, a file already
/// there with that SHA-256 kept (a different one refused unless <see cref="Overwrite"/>), the free space checked, then
/// every holder at once into <c>NAME.part</c> with the verified pieces in <c>NAME.part.pieces</c>, so a run after a
/// crash fetches none of them again.
/// </summary>
public sealed class SwarmFetch(HttpClient http, IProgressBoard board, ProgressLines? lines)
{
    public bool Overwrite { get; init; }

    public TimeSpan IdleTimeout { get; init; } = IdleGuard.DefaultLimit;

    /// <summary>The free bytes of a folder's file system: the system's answer, or a test's.</summary>
    public Func<string, long?> FreeSpace { get; init; } = Swarm.FreeSpace.Available;

    /// <summary>
    /// How often the part file is fsynced and its sidecar written. Shorter than the engine's default: each fsync then
    /// finds less unwritten behind it (1 GiB from one holder, paired runs on the 2-core VM: ~7 % faster than at 250 ms,
    /// docs/perf-journal.md "Checkpoints"), and a killed download loses less; the sidecar is a few bytes per piece.
    /// </summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(100);

    public async Task<SwarmDownloadResult> FetchAsync(WantedContent wanted, string outDirectory, CancellationToken cancellationToken)
    {
        var finalPath = OutputFolder.Combine(outDirectory, wanted.Name);
        var started = Stopwatch.GetTimestamp();
        var existing = new FileInfo(finalPath);
        var announced = new AnnouncedFile(wanted.Link.Size ?? (existing.Exists ? existing.Length : 0), wanted.Link.Sha256);
        if (await OutputFolder.HoldsAsync(finalPath, announced, Overwrite, cancellationToken))
            return SwarmDownloadResult.Present(wanted, finalPath, announced.Size, started);
        if (wanted.Holders.Count == 0)
            throw new CliException($"no peer holds {wanted.Name} (sha256 {wanted.Link.Sha256})");
        if (wanted.Link.Size is not null)
            DiskSpace.EnsureRoom(finalPath, "the link", announced, 0, FreeSpace);

        var partPath = PartFile.PartPathOf(finalPath);
        File.Delete(PartFile.HashPathOf(finalPath)); // a gRPC attempt's record: this part file is the swarm's now
        var job = new SwarmJob(wanted.Link, wanted.Holders, partPath, finalPath, new SidecarLedger(SidecarLedger.PathFor(partPath)))
        {
            Overwrite = Overwrite,
        };
        var line = new Line(board, wanted.Name, wanted.Holders.Count);
        try
        {
            var options = new SwarmOptions { IdleTimeout = IdleTimeout, CheckpointInterval = CheckpointInterval };
            var result = await new SwarmDownloader(http, options).RunAsync(job, progress =>
            {
                line.Show(progress);
                lines?.Write(wanted.Name, progress);
            }, cancellationToken);
            return SwarmDownloadResult.Of(wanted, result);
        }
        catch (SwarmException e)
        {
            throw e.Failure == SwarmFailure.Occupied ? OutputFolder.Occupied(finalPath) : new CliException($"{wanted.Name}: {e.Message}");
        }
    }

    /// <summary>The progress bar of one content, added at its first report (when its size and resumed bytes are known).</summary>
    private sealed class Line(IProgressBoard board, string name, int holders)
    {
        private ITransferProgress? _bar;
        private long _shown;

        public void Show(SwarmProgress progress)
        {
            if (_bar is null)
            {
                _bar = board.Add(name, progress.Size, progress.BytesVerified);
                _shown = progress.BytesVerified;
            }
            _bar.Describe($"{name} · {progress.ActiveSources}/{holders} holders · {progress.BadPieces} bad pieces");
            _bar.Advance(progress.BytesVerified - _shown);
            _shown = progress.BytesVerified;
        }
    }
}
