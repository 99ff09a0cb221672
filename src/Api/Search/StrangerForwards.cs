using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Search;

/// <summary>
/// The budget of forwards whose sender (the last URL of <c>path</c>) is not one of this peer's neighbours: anyone can
/// post <c>/search/forward</c>, but only neighbours get the whole <c>peer_rate_limit_per_minute</c>. Strangers share a
/// tenth of it per client address; a refusal is a 429 counted in <c>p2p_rate_limited_total{budget="peer"}</c>.
/// </summary>
public sealed class StrangerForwards : IDisposable
{
    private readonly IPeerGrain _peer;
    private readonly LocalPeerView _view;
    private readonly P2PMetrics _metrics;
    private readonly PartitionedRateLimiter<string> _budget;

    public StrangerForwards(IGrainFactory grains, IOptions<PeerOptions> options, LocalPeerView view, P2PMetrics metrics)
    {
        _peer = grains.GetPeer(options.Value.Name);
        _view = view;
        _metrics = metrics;
        PermitsPerMinute = Math.Max(1, options.Value.PeerRateLimitPerMinute / 10);
        _budget = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = PermitsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Forwards a stranger may send per minute from one address.</summary>
    public int PermitsPerMinute { get; }

    /// <summary>
    /// Null when the forward may run: its sender is a neighbour, or the stranger budget of <paramref name="address"/>
    /// has room; otherwise the 429 to answer.
    /// </summary>
    public async ValueTask<ProblemHttpResult?> CheckAsync(string sender, string address, HttpResponse response)
    {
        if (await IsNeighbourAsync(sender))
            return null;
        using var lease = _budget.AttemptAcquire(address);
        if (lease.IsAcquired)
            return null;
        _metrics.RateLimited("peer");
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            $"too many forwards from senders that are not neighbours of this peer ({PermitsPerMinute} a minute per address); retry after {seconds} s",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
    }

    /// <summary>A neighbour a search may ask is known without a grain call; any other URL is looked up in the whole table.</summary>
    private async ValueTask<bool> IsNeighbourAsync(string url) =>
        _view.Current?.SearchTargets.Contains(url) == true
        || (await _peer.GetNeighbours()).Any(n => string.Equals(n.Url, url, StringComparison.Ordinal));

    public void Dispose() => _budget.Dispose();
}
