using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Persistence;

namespace OrleansP2P.Grains.Downloads;

/// <summary>
/// One download run by the peer (keyed by the content's SHA-256). The run itself goes on off the grain's scheduler
/// (<see cref="IDownloadRunner"/>); it saves verified pieces and reports its end through grain calls, so the persisted
/// state is only ever written by the grain. A timer keeps the activation alive while a run is on; a silo that dies takes
/// the run with it, and the next <see cref="IDownloadsGrain.Wake"/> starts it again elsewhere from the persisted pieces.
/// </summary>
public sealed partial class DownloadGrain(
    [PersistentState("download", PeerStorage.Name)] IPersistentState<DownloadState> state,
    IDownloadRunner runner,
    IOptions<PeerOptions> options,
    ILogger<DownloadGrain> logger) : Grain, IDownloadGrain, IDisposable
{
    private CancellationTokenSource? _run;
    private IGrainTimer? _keepAlive;
    private volatile DownloadProgress? _progress;

    private string Id => this.GetPrimaryKeyString();

    async Task<DownloadInfo> IDownloadGrain.Create(DownloadOrder order, long posted, string initial)
    {
        if (state.State.Order is null)
        {
            state.State = new DownloadState { Order = order, Posted = posted, State = initial, Size = order.Size };
            if (initial == DownloadStates.Done)
                state.State.BytesVerified = order.Size ?? 0;
            await state.WriteStateAsync();
        }
        return Info()!;
    }

    Task<DownloadInfo?> IDownloadGrain.Describe() => Task.FromResult(Info());

    async Task IDownloadGrain.Start()
    {
        if (state.State.Order is not { } order || DownloadStates.IsFinal(state.State.State) || _run is not null)
            return;
        if (state.State.State == DownloadStates.Queued)
        {
            state.State.State = DownloadStates.Active;
            await state.WriteStateAsync();
        }
        _run = new CancellationTokenSource();
        _keepAlive = this.RegisterGrainTimer(_ => Task.CompletedTask, new GrainTimerCreationOptions(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1))
        {
            KeepAlive = true,
            Interleave = true,
        });
        var self = this.AsReference<IDownloadGrain>();
        var token = _run.Token;
        LogRunning(logger, Id, order.Name);
        _ = Task.Run(() => RunAsync(self, order, token), CancellationToken.None);
    }

    private async Task RunAsync(IDownloadGrain self, DownloadOrder order, CancellationToken cancellationToken)
    {
        string ended;
        string? error = null;
        try
        {
            await runner.RunAsync(order, new GrainPieces(self), p => _progress = p, cancellationToken);
            ended = DownloadStates.Done;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // cancelled, or the activation is going away: the grain already knows
        }
        catch (DownloadRunException e)
        {
            ended = e.Retry ? DownloadStates.Active : DownloadStates.Failed;
            error = e.Message;
        }
        catch (Exception e)
        {
            LogRunFailed(logger, e, order.Sha256);
            ended = DownloadStates.Failed;
            error = e.Message;
        }
        try
        {
            await self.RunEnded(ended, error);
        }
        catch (Exception e)
        {
            LogRunFailed(logger, e, order.Sha256); // the activation is gone; the next Wake runs it again
        }
    }

    async Task IDownloadGrain.RunEnded(string ended, string? reason)
    {
        StopRun();
        if (state.State.Order is null || DownloadStates.IsFinal(state.State.State))
            return;
        state.State.Error = reason;
        if (ended == DownloadStates.Active)
        {
            LogWillRetry(logger, Id, reason);
            return; // no holder yet, or none answered: the next Wake (every 30 s) tries again
        }
        state.State.State = ended;
        if (ended == DownloadStates.Done)
        {
            state.State.BytesVerified = _progress?.Size ?? state.State.Size ?? state.State.BytesVerified;
            state.State.Size = _progress?.Size ?? state.State.Size;
            state.State.Pieces = null;
            state.State.Error = null;
        }
        await state.WriteStateAsync();
        await GrainFactory.GetDownloads(options.Value.Name).Ended(Id, ended);
    }

    async Task<DownloadInfo?> IDownloadGrain.Cancel()
    {
        if (state.State.Order is not { } order)
            return null;
        if (!DownloadStates.IsFinal(state.State.State))
        {
            StopRun();
            runner.Discard(order);
            state.State.State = DownloadStates.Cancelled;
            state.State.Pieces = null;
            await state.WriteStateAsync();
        }
        return Info();
    }

    async Task IDownloadGrain.Forget()
    {
        StopRun();
        await state.ClearStateAsync();
        state.State = new DownloadState();
        DeactivateOnIdle();
    }

    Task<byte[]?> IDownloadGrain.LoadPieces() => Task.FromResult(state.State.Pieces);

    async Task IDownloadGrain.SavePieces(byte[] verified)
    {
        if (state.State.Order is null || DownloadStates.IsFinal(state.State.State))
            return;
        state.State.Pieces = verified;
        state.State.BytesVerified = _progress?.BytesVerified ?? state.State.BytesVerified;
        state.State.Size = _progress?.Size ?? state.State.Size;
        await state.WriteStateAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        StopRun();
        return Task.CompletedTask;
    }

    public void Dispose() => StopRun();

    private void StopRun()
    {
        _run?.Cancel();
        _run?.Dispose();
        _run = null;
        _keepAlive?.Dispose();
        _keepAlive = null;
    }

    private DownloadInfo? Info()
    {
        if (state.State.Order is not { } order)
            return null;
        var running = _run is not null ? _progress : null;
        return new DownloadInfo(Id, order.Name, running?.Size ?? state.State.Size, running?.BytesVerified ?? state.State.BytesVerified,
            state.State.State, running?.Sources ?? [], running?.BytesPerSecond ?? 0, state.State.Error, state.State.Posted);
    }

    private sealed class GrainPieces(IDownloadGrain grain) : IDownloadPieces
    {
        public Task<byte[]?> LoadAsync(CancellationToken cancellationToken) => grain.LoadPieces();

        public Task SaveAsync(byte[] verified, CancellationToken cancellationToken) => grain.SavePieces(verified);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Download {Sha256} stopped")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string sha256);

    [LoggerMessage(Level = LogLevel.Information, Message = "Download {Id} ({Name}) running on this silo")]
    private static partial void LogRunning(ILogger logger, string id, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Download {Id} will try again: {Reason}")]
    private static partial void LogWillRetry(ILogger logger, string id, string? reason);
}
