using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Persistence;

namespace OrleansP2P.Grains.Downloads;

/// <summary>
/// The peer's download queue: jobs in posting order, at most <c>max_downloads</c> active, the rest queued and started in
/// posting order as others end. It holds each job's last reported state (to count and order), the job grains hold the
/// rest. Persisted; <see cref="IDownloadsGrain.Wake"/> (each silo at start and every 30 s) restarts what a restart or
/// a dead silo stopped.
/// </summary>
public sealed class DownloadsGrain(
    [PersistentState("downloads", PeerStorage.Name)] IPersistentState<DownloadsState> state,
    IOptions<PeerOptions> options,
    P2PMetrics metrics) : Grain, IDownloadsGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        PublishCounts();
        return Task.CompletedTask;
    }

    async Task<DownloadPosted> IDownloadsGrain.Post(DownloadOrder order, bool alreadyShared)
    {
        var id = order.Sha256;
        var job = GrainFactory.GetDownload(id);
        var listed = state.State.Jobs.Find(j => j.Id == id);
        if (listed is not null && await job.Describe() is { } existing)
            return new DownloadPosted(existing, Created: false);

        var initial = alreadyShared ? DownloadStates.Done : DownloadStates.Queued;
        var info = await job.Create(order, state.State.NextPosted++, initial);
        state.State.Jobs.RemoveAll(j => j.Id == id);
        state.State.Jobs.Add(new QueuedDownload { Id = id, State = info.State });
        await state.WriteStateAsync();
        await PumpAsync();
        return new DownloadPosted(await job.Describe() ?? info, Created: !alreadyShared);
    }

    async Task<ImmutableArray<DownloadInfo>> IDownloadsGrain.List()
    {
        var infos = await Task.WhenAll(state.State.Jobs.Select(j => GrainFactory.GetDownload(j.Id).Describe()));
        return [.. infos.OfType<DownloadInfo>().OrderBy(i => i.Posted)];
    }

    async Task<DownloadInfo?> IDownloadsGrain.Delete(string id)
    {
        var listed = state.State.Jobs.Find(j => j.Id == id);
        if (listed is null)
            return null;
        var job = GrainFactory.GetDownload(id);
        var info = await job.Describe();
        if (info is null || DownloadStates.IsFinal(info.State))
        {
            state.State.Jobs.Remove(listed); // a finished job only leaves the list; its file stays
            await state.WriteStateAsync();
            await job.Forget();
            PublishCounts();
            return info;
        }
        var cancelled = await job.Cancel();
        listed.State = DownloadStates.Cancelled;
        await state.WriteStateAsync();
        await PumpAsync();
        return cancelled;
    }

    Task IDownloadsGrain.Wake() => PumpAsync();

    async Task IDownloadsGrain.Ended(string id, string ended)
    {
        if (state.State.Jobs.Find(j => j.Id == id) is not { } listed)
            return;
        listed.State = ended;
        await state.WriteStateAsync();
        await PumpAsync();
    }

    /// <summary>Runs every active job (a no-op for one running already) and starts queued ones, oldest first, while there is room.</summary>
    private async Task PumpAsync()
    {
        var active = state.State.Jobs.Where(j => j.State == DownloadStates.Active).ToList();
        var room = Math.Max(0, options.Value.MaxDownloads - active.Count);
        var starting = state.State.Jobs.Where(j => j.State == DownloadStates.Queued).Take(room).ToList();
        foreach (var job in starting)
            job.State = DownloadStates.Active;
        if (starting.Count > 0)
            await state.WriteStateAsync();
        PublishCounts();
        await Task.WhenAll(active.Concat(starting).Select(j => GrainFactory.GetDownload(j.Id).Start()));
    }

    private void PublishCounts() =>
        metrics.SetDownloads(DownloadStates.All.ToDictionary(s => s, s => state.State.Jobs.Count(j => j.State == s)));
}
