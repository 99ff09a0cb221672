using System.Collections.Immutable;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Neighbours;

public enum HealthChange
{
    None,
    BecameHealthy,
    BecameUnhealthy,
    Renamed,
}

/// <summary>
/// The neighbour table's rules, free of Orleans: bounded size (a full table makes room only by
/// dropping a neighbour already marked unhealthy), health from consecutive poll failures.
/// </summary>
public sealed class NeighbourTable(string selfUrl, int capacity, int failuresToUnhealthy)
{
    private readonly Dictionary<string, NeighbourInfo> _peers = new(StringComparer.Ordinal);

    public int Count => _peers.Count;

    public int HealthyCount => _peers.Values.Count(n => n.Healthy);

    public bool Contains(string url) => _peers.ContainsKey(url);

    public ImmutableArray<string> Urls => [.. _peers.Keys.Order(StringComparer.Ordinal)];

    public IEnumerable<string> HealthyUrls => _peers.Values.Where(n => n.Healthy).Select(n => n.Url);

    public ImmutableArray<NeighbourInfo> All => [.. _peers.Values.OrderBy(n => n.Url, StringComparer.Ordinal)];

    /// <summary>Neighbours a search may ask: every one not marked unhealthy, healthy ones first.</summary>
    public ImmutableArray<string> SearchTargets =>
        [.. _peers.Values.Where(n => !IsUnhealthy(n)).OrderByDescending(n => n.Healthy).ThenBy(n => n.Url, StringComparer.Ordinal).Select(n => n.Url)];

    /// <summary>Adds a canonical URL; true when it is (now) known, false with a reason when refused.</summary>
    public bool TryAdd(string url, string? name, out string? error)
    {
        error = null;
        if (url == selfUrl)
        {
            error = "a peer cannot register itself";
            return false;
        }
        if (_peers.ContainsKey(url))
            return true;
        if (_peers.Count >= capacity && !EvictUnhealthy())
        {
            error = $"the neighbour table is full ({capacity} peers)";
            return false;
        }
        _peers[url] = new NeighbourInfo(url, name, Healthy: false, LastSeenUnix: null, Failures: 0);
        return true;
    }

    public bool Remove(string url) => _peers.Remove(url);

    /// <summary>Applies one health poll: <paramref name="name"/> is the peer's name, or null when it did not answer.</summary>
    public HealthChange Report(string url, string? name, long nowUnix)
    {
        if (!_peers.TryGetValue(url, out var before))
            return HealthChange.None;
        var after = name is not null
            ? before with { Healthy = true, Name = name, LastSeenUnix = nowUnix, Failures = 0 }
            : before with { Failures = before.Failures + 1 };
        if (name is null && IsUnhealthy(after))
            after = after with { Healthy = false };
        _peers[url] = after;

        if (!before.Healthy && after.Healthy)
            return HealthChange.BecameHealthy;
        if (!IsUnhealthy(before) && IsUnhealthy(after))
            return HealthChange.BecameUnhealthy;
        return before.Name != after.Name ? HealthChange.Renamed : HealthChange.None;
    }

    private bool IsUnhealthy(NeighbourInfo n) => n.Failures >= failuresToUnhealthy;

    private bool EvictUnhealthy()
    {
        var victim = _peers.Values.Where(IsUnhealthy).OrderByDescending(n => n.Failures).FirstOrDefault();
        return victim is not null && _peers.Remove(victim.Url);
    }
}
