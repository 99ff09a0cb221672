using System.Diagnostics;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Swarm.Holders;
using OrleansP2P.Swarm.Pieces;
using OrleansP2P.Swarm.Running;

namespace OrleansP2P.Swarm;

/// <summary>
/// Downloads one content from all its holders at once (see docs/architecture.md, "One swarm download"): agrees on the
/// piece list, fetches and verifies pieces into the part file, resumes from the ledger, and finishes only when every
/// piece matched <c>x.tree</c> and the whole file's SHA-256 is <c>xt</c>; then fsync and an atomic rename.
/// </summary>
/// <param name="http">One client (one connection pool) for every holder; see <see cref="SwarmHttp.CreateHandler"/>.</param>
public sealed class SwarmDownloader(HttpClient http, SwarmOptions? options = null, TimeProvider? time = null)
{
    private readonly SwarmOptions _options = (options ?? new SwarmOptions()).Validated();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly HolderClient _client = new(http);

    /// <param name="report">Called with progress every <see cref="SwarmOptions.ProgressInterval"/> and once at the end.</param>
    /// <exception cref="SwarmException">The download cannot finish; the message says why.</exception>
    public async Task<SwarmResult> RunAsync(SwarmJob job, Action<SwarmProgress>? report, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        if (!job.Overwrite && File.Exists(job.FinalPath))
            throw new SwarmException(SwarmFailure.Occupied, $"{job.FinalPath} already exists; overwrite it to replace it");
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var idle = new IdleWatch(_options.IdleTimeout, _time);
        var watching = idle.RunAsync(run.Token).ContinueWith(_ => { if (idle.Expired) run.Cancel(); }, TaskScheduler.Default);
        var holders = job.Holders.Select(SwarmHttp.BaseOf).Distinct().Select(url => new HolderState(url, _options, run.Token)).ToList();
        try
        {
            if (holders.Count == 0)
                throw new SwarmException(SwarmFailure.NoHolders, $"no peer holds {job.Link.Sha256}");
            var pieces = await PieceListSource.AgreeAsync(_client, holders, job.Link, _options);
            idle.Touch();
            var (sha256, final, resumedBytes) = await FetchAsync(job, pieces, holders, idle, report, run.Token);
            return new SwarmResult(job.FinalPath, sha256, pieces.Content.Size, resumedBytes, _time.GetElapsedTime(started), final,
                pieces.Content.Tree, [.. Enumerable.Range(0, pieces.Count).Select(i => Convert.ToHexStringLower(pieces.Leaf(i)))]);
        }
        catch (OperationCanceledException) when (idle.Expired && !cancellationToken.IsCancellationRequested)
        {
            throw new SwarmException(SwarmFailure.Idle,
                $"no holder sent anything for {idle.Limit.TotalSeconds:0.###} s; the verified pieces are kept in {job.PartPath} for the next attempt");
        }
        finally
        {
            await run.CancelAsync();
            await watching;
            holders.ForEach(h => h.Dispose());
        }
    }

    private async Task<(string Sha256, SwarmProgress Final, long ResumedBytes)> FetchAsync(
        SwarmJob job, PieceList pieces, List<HolderState> holders, IdleWatch idle, Action<SwarmProgress>? report, CancellationToken cancellationToken)
    {
        var recorded = await job.Ledger.LoadAsync(pieces.Content, cancellationToken);
        var part = Storage(job, () => PartFile.Open(job.PartPath, pieces.Content.Size, keep: recorded is not null));
        try
        {
            var resumed = part.Kept && recorded is not null ? recorded : new Resuming.PieceBitmap(pieces.Count);
            if (!part.Kept)
                await job.Ledger.ClearAsync(cancellationToken);
            SwarmProgress? last = null;
            var sha256 = await new SwarmRun(_client, pieces, part, job.Ledger, _options, _time)
                .RunAsync(holders, resumed, idle, p =>
                {
                    last = p;
                    report?.Invoke(p);
                }, cancellationToken);
            if (!string.Equals(sha256, job.Link.Sha256, StringComparison.Ordinal))
            {
                part.Dispose();
                File.Delete(job.PartPath);
                await job.Ledger.ClearAsync(CancellationToken.None);
                throw new SwarmException(SwarmFailure.LinkMismatch,
                    $"every piece matched the link's x.tree, but the whole file's SHA-256 is {sha256}, not the link's xt {job.Link.Sha256}: "
                    + "the link's xt and x.tree name different contents; the part file was removed");
            }
            await job.Ledger.SaveAsync(pieces.Content, AllVerified(pieces.Count), cancellationToken);
            Storage(job, () => Commit(part, job));
            await job.Ledger.ClearAsync(CancellationToken.None);
            return (sha256, last!, ResumedBytes(pieces, resumed));
        }
        finally
        {
            part.Dispose();
        }
    }

    /// <summary>fsync, rename over the final name (only with overwrite when one exists), fsync the folder.</summary>
    private static bool Commit(PartFile part, SwarmJob job)
    {
        part.Flush();
        part.Dispose();
        try
        {
            File.Move(job.PartPath, job.FinalPath, job.Overwrite);
        }
        catch (IOException) when (!job.Overwrite && File.Exists(job.FinalPath))
        {
            throw new SwarmException(SwarmFailure.Occupied, $"{job.FinalPath} appeared meanwhile; the finished part file {job.PartPath} is kept");
        }
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(job.FinalPath))!);
        return true;
    }

    private static T Storage<T>(SwarmJob job, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SwarmException(SwarmFailure.Storage, $"cannot write {job.PartPath} or {job.FinalPath}: {e.Message}", e);
        }
    }

    private static Resuming.PieceBitmap AllVerified(int count)
    {
        var all = new Resuming.PieceBitmap(count);
        for (var i = 0; i < count; i++)
            all.Set(i);
        return all;
    }

    private static long ResumedBytes(PieceList pieces, Resuming.PieceBitmap resumed) =>
        Enumerable.Range(0, pieces.Count).Where(i => resumed[i]).Sum(i => (long)pieces.Length(i));
}
