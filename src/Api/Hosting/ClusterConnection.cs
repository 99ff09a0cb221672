using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using OrleansP2P.Grains;

namespace OrleansP2P.Api.Hosting;

/// <summary>
/// A gateway's Orleans client connection to its peer's silos, started in the background so that the gateway listens
/// (and answers 503 with <c>Retry-After</c>) while no silo is up yet: it stands in for the client's own hosted service,
/// which would hold the web host back until a silo answered. The client retries by itself
/// (<see cref="ClusterRetryFilter"/>) and, once connected, follows the silos that come and go through its gateway list
/// (refreshed from the membership table), so the gateway never needs a restart; a silo that dies costs it nothing but
/// the calls that were in flight there.
/// </summary>
public sealed partial class ClusterConnection(IClusterClient client, ILogger<ClusterConnection> logger)
    : IHostedService, IClusterClientConnection, IDisposable
{
    /// <summary>How long <see cref="AskAsync{T}"/> waits for the cluster: <c>/health</c> answers within it.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private Task _connecting = Task.CompletedTask;

    /// <summary>Completes once the client has connected to a silo (then the cluster's answers decide, call by call).</summary>
    public Task Connected => _connected.Task;

    public bool IsConnected => _connected.Task.IsCompletedSuccessfully;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _connecting = ConnectAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A quick grain call (<c>/health</c>'s): its answer within <see cref="ProbeTimeout"/>, or what
    /// <see cref="ClusterUnavailableHandler"/> turns into a 503.
    /// </summary>
    /// <exception cref="SiloUnavailableException">Not connected yet.</exception>
    /// <exception cref="TimeoutException">No answer in time.</exception>
    public async Task<T> AskAsync<T>(Func<Task<T>> call)
    {
        if (!IsConnected)
            throw new SiloUnavailableException("the gateway has not reached any silo of its peer yet");
        return await call().WaitAsync(ProbeTimeout);
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ((IHostedService)client).StartAsync(cancellationToken);
            _connected.TrySetResult();
            LogConnected(logger);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped before any silo answered (the client rethrows its last failure when cancelled).
        }
        catch (Exception e)
        {
            LogGaveUp(logger, e); // the retry filter never gives up: only a broken configuration gets here
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _connecting.WaitAsync(cancellationToken);
        if (IsConnected)
            await ((IHostedService)client).StopAsync(cancellationToken);
    }

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the peer's cluster")]
    private static partial void LogConnected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The gateway cannot connect to the peer's cluster and stopped trying; it answers 503 until restarted")]
    private static partial void LogGaveUp(ILogger logger, Exception exception);
}
