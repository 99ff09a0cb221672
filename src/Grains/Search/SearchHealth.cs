using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Grains.Search;

/// <summary>
/// How the neighbours this silo asks answer searches: consecutive deadlines each one missed (or hops that failed),
/// reset by an answer in time. A neighbour that reaches <c>health_failures</c> misses in a row is handed to the peer
/// grain, the one authority on the table (one call, only at that transition), which stops searches asking it until it
/// answers a probe; its count here starts again from zero. Counting is per silo: on a peer of several silos each
/// counts the searches it ran.
/// </summary>
public sealed partial class SearchHealth(IGrainFactory grains, IOptions<PeerOptions> options, ILogger<SearchHealth> logger)
{
    private readonly ConcurrentDictionary<string, int> _misses = new(StringComparer.Ordinal);
    private readonly int _missesToStall = options.Value.HealthFailures;
    private readonly IPeerGrain _peer = grains.GetPeer(options.Value.Name);

    /// <summary>
    /// Records how <paramref name="url"/> answered one hop. Completes once the peer grain took a stall into account, so
    /// the next search started after it does not ask that neighbour.
    /// </summary>
    public ValueTask ReportAsync(string url, bool answeredInTime)
    {
        if (answeredInTime)
        {
            if (_misses.ContainsKey(url)) // lock-free on the common path: nothing to reset
                _misses.TryRemove(url, out _);
            return ValueTask.CompletedTask;
        }
        var misses = _misses.AddOrUpdate(url, 1, (_, n) => n + 1);
        // Only the caller that removes the count reports: concurrent misses past the threshold make one grain call.
        return misses >= _missesToStall && _misses.TryRemove(url, out _) ? new ValueTask(StallAsync(url, misses)) : ValueTask.CompletedTask;
    }

    private async Task StallAsync(string url, int misses)
    {
        LogStalling(logger, url, misses);
        try
        {
            await _peer.ReportStalling(url);
        }
        catch (Exception e)
        {
            LogReportFailed(logger, url, e); // the next misses in a row report it again
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Neighbour {Url} missed {Misses} search deadlines in a row: searches skip it until it answers a probe")]
    private static partial void LogStalling(ILogger logger, string url, int misses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report neighbour {Url} as stalling searches")]
    private static partial void LogReportFailed(ILogger logger, string url, Exception exception);
}
