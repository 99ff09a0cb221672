using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansP2P.Contracts;
using OrleansP2P.Grains;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OrleansP2P.Grains.Neighbours;

/// <summary>What one bootstrap round achieved.</summary>
public sealed record BootstrapReport(IReadOnlyList<string> Registered, IReadOnlyList<string> Failed, IReadOnlyList<string> KnownPeers);

/// <summary>
/// Joins the network: registers with the configured friends and the peers remembered from the last
/// run, mutually (they add us, we add them). At start it retries each one with exponential backoff
/// for a few minutes, so peers can start in any order; <c>POST /bootstrap</c> runs one plain round.
/// </summary>
public sealed partial class BootstrapService(
    IGrainFactory grains, INeighbourClient membership, IOptions<PeerOptions> options, TimeProvider time, IHostApplicationLifetime lifetime,
    ILogger<BootstrapService> logger)
    : BackgroundService
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    private readonly string _selfUrl = PeerUrl.Canonicalize(options.Value.SelfUrl);

    /// <summary>One attempt per target, no retries.</summary>
    public Task<BootstrapReport> RunOnceAsync(CancellationToken cancellationToken) =>
        RunAsync(new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(AttemptTimeout).Build(), cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retrying = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // Unreachable, overloaded or failing peers are retried; a refusal (4xx but 429) is final.
                ShouldHandle = new PredicateBuilder()
                    .Handle<PeerCallException>(e => e.Status is null or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
                    .Handle<TimeoutRejectedException>(),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(5),
                MaxRetryAttempts = 40,
            })
            .AddTimeout(AttemptTimeout)
            .Build();
        try
        {
            await StartedAsync(stoppingToken);
            var report = await RunAsync(retrying, stoppingToken);
            LogBootstrapped(logger, report.Registered.Count, report.Failed.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>
    /// Completes once this peer serves requests: a peer we register with checks our <c>/health</c> before it adds us,
    /// and refuses us for good (400) if nothing answers there yet.
    /// </summary>
    private async Task StartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(cancellationToken);
    }

    private async Task<BootstrapReport> RunAsync(ResiliencePipeline pipeline, CancellationToken cancellationToken)
    {
        var peer = grains.GetPeer(options.Value.Name);
        var targets = options.Value.Friends.Select(PeerUrl.Canonicalize)
            .Concat((await peer.GetNeighbours()).Select(n => n.Url))
            .Where(url => url != _selfUrl)
            .Distinct()
            .ToList();

        var outcomes = await Task.WhenAll(targets.Select(async url =>
        {
            try
            {
                await pipeline.ExecuteAsync(async ct => await membership.RegisterAsync(url, _selfUrl, ct), cancellationToken);
                await peer.Register(url);
                return (url, ok: true);
            }
            catch (Exception e) when (e is PeerCallException or TimeoutRejectedException)
            {
                LogRegisterFailed(logger, url, e.Message);
                return (url, ok: false);
            }
        }));
        var known = (await peer.GetNeighbours()).Select(n => n.Url).ToList();
        return new BootstrapReport(
            [.. outcomes.Where(o => o.ok).Select(o => o.url)], [.. outcomes.Where(o => !o.ok).Select(o => o.url)], known);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap done: registered with {Registered} peers, {Failed} unreachable")]
    private static partial void LogBootstrapped(ILogger logger, int registered, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not register with {Url}: {Reason}")]
    private static partial void LogRegisterFailed(ILogger logger, string url, string reason);
}
