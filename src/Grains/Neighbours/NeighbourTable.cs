using System.Collections.Immutable;
using OrleansP2P.Contracts;
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
/// The neighbour table's rules, free of Orleans. Friends (the configured peers) are pinned: always admitted (beyond
/// <c>capacity</c> if there are more friends than that), never evicted, and their slots are kept for them while they
/// are down, so strangers hold at most <c>capacity</c> minus the friends, whatever order they arrive in. A stranger
/// finds room only by evicting a stranger marked unhealthy (the one with the most failed polls first). Health comes from
/// consecutive poll failures, and from searches: a neighbour marked as stalling them (<see cref="MarkStalling"/>) is
/// unhealthy and not asked until it answers a probe. A name is kept only when it is at most <see cref="MaxNameLength"/>
/// characters.
/// </summary>
public sealed class NeighbourTable(string selfUrl, int capacity, int failuresToUnhealthy, IEnumerable<string>? friends = null)
{
    /// <summary>The longest neighbour name a peer accepts (the version 2 contracts).</summary>
    public const int MaxNameLength = 64;

    private readonly Dictionary<string, NeighbourInfo> _peers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _friends = new((friends ?? []).Where(f => f != selfUrl), StringComparer.Ordinal);
    private readonly HashSet<string> _stalling = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NeighbourLinks> _links = new(StringComparer.Ordinal);

    public int Count => _peers.Count;

    public int HealthyCount => _peers.Values.Count(IsHealthy);

    public bool Contains(string url) => _peers.ContainsKey(url);

    public ImmutableArray<string> Urls => [.. _peers.Keys.Order(StringComparer.Ordinal)];

    public IEnumerable<string> HealthyUrls => _peers.Values.Where(IsHealthy).Select(n => n.Url);

    /// <summary>Every neighbour as <c>/peers</c> shows it: one marked as stalling searches is not healthy.</summary>
    public ImmutableArray<NeighbourInfo> All =>
        [.. _peers.Values.OrderBy(n => n.Url, StringComparer.Ordinal).Select(n => _stalling.Contains(n.Url) ? n with { Healthy = false } : n)];

    /// <summary>Neighbours marked as stalling searches, to probe.</summary>
    public ImmutableArray<string> Stalling => [.. _stalling.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Neighbours a search may ask: every one neither marked unhealthy by polls nor stalling searches, healthy ones
    /// first. Skipped ones do not make an answer incomplete.
    /// </summary>
    public ImmutableArray<string> SearchTargets =>
        [.. _peers.Values.Where(n => !IsUnhealthy(n) && !_stalling.Contains(n.Url))
            .OrderByDescending(n => n.Healthy).ThenBy(n => n.Url, StringComparer.Ordinal).Select(n => n.Url)];

    /// <summary>What the search targets last advertised of their own neighbours (from their last health answer).</summary>
    public ImmutableDictionary<string, NeighbourLinks> TargetLinks =>
        SearchTargets.Where(_links.ContainsKey).ToImmutableDictionary(url => url, url => _links[url], StringComparer.Ordinal);

    /// <summary>
    /// What this peer advertises in <c>/health</c>: its search targets, those whose last answer listed it back, and the
    /// list's view; null when it has more than <see cref="PeerLinks.MaxLinks"/> (a list that long is not advertised).
    /// </summary>
    public NeighbourLinks? Advertised
    {
        get
        {
            var targets = SearchTargets;
            if (targets.Length > PeerLinks.MaxLinks)
                return null;
            var mutual = targets.Where(url => _links.TryGetValue(url, out var theirs) && theirs.Peers.Contains(selfUrl));
            return new NeighbourLinks(targets, [.. mutual], PeerLinks.ViewOf(targets));
        }
    }

    /// <summary>Slots strangers may hold: the friends' slots are theirs even while they are down.</summary>
    private int StrangerRoom => Math.Max(0, capacity - _friends.Count);

    private int StrangerCount => _peers.Keys.Count(url => !_friends.Contains(url));

    /// <summary>Whether <paramref name="url"/> is known or could be added now (checked before asking it anything), else why not.</summary>
    public bool CanAdd(string url, out string? error)
    {
        error = null;
        if (url == selfUrl)
            error = "a peer cannot register itself";
        else if (!_peers.ContainsKey(url) && !_friends.Contains(url) && StrangerCount >= StrangerRoom && EvictionCandidate() is null)
            error = $"the neighbour table is full ({capacity} peers)";
        return error is null;
    }

    /// <summary>Adds a canonical URL; true when it is (now) known, false with a reason when refused.</summary>
    public bool TryAdd(string url, string? name, out string? error)
    {
        if (!CanAdd(url, out error))
            return false;
        if (_peers.ContainsKey(url))
            return true;
        if (!_friends.Contains(url) && StrangerCount >= StrangerRoom)
            Remove(EvictionCandidate()!.Url);
        _peers[url] = new NeighbourInfo(url, Bounded(name), Healthy: false, LastSeenUnix: null, Failures: 0);
        return true;
    }

    /// <summary>Forgets a neighbour (another address of this peer), a friend's slot with it.</summary>
    public bool Remove(string url)
    {
        _friends.Remove(url);
        _stalling.Remove(url);
        _links.Remove(url);
        return _peers.Remove(url);
    }

    /// <summary>Marks a neighbour as stalling searches (it missed <c>health_failures</c> deadlines in a row); true when that is new.</summary>
    public bool MarkStalling(string url) => _peers.ContainsKey(url) && _stalling.Add(url);

    /// <summary>Clears the mark once the neighbour answered a probe in time; true when it was marked.</summary>
    public bool ClearStalling(string url) => _stalling.Remove(url);

    /// <summary>
    /// Applies one health poll: <paramref name="name"/> is the peer's name, or null when it did not answer. A name over
    /// <see cref="MaxNameLength"/> characters is not an answer from a peer: it counts as a failed poll.
    /// <paramref name="links"/> is what the answer advertised; a failed poll or an answer without it forgets the last.
    /// </summary>
    public HealthChange Report(string url, string? name, long nowUnix, NeighbourLinks? links = null)
    {
        if (!_peers.TryGetValue(url, out var before))
            return HealthChange.None;
        var answered = Bounded(name);
        if (answered is not null && links is not null)
            _links[url] = links;
        else
            _links.Remove(url);
        var after = answered is not null
            ? before with { Healthy = true, Name = answered, LastSeenUnix = nowUnix, Failures = 0 }
            : before with { Failures = before.Failures + 1 };
        if (answered is null && IsUnhealthy(after))
            after = after with { Healthy = false };
        _peers[url] = after;

        if (!before.Healthy && after.Healthy)
            return HealthChange.BecameHealthy;
        if (!IsUnhealthy(before) && IsUnhealthy(after))
            return HealthChange.BecameUnhealthy;
        return before.Name != after.Name ? HealthChange.Renamed : HealthChange.None;
    }

    private bool IsUnhealthy(NeighbourInfo n) => n.Failures >= failuresToUnhealthy;

    private bool IsHealthy(NeighbourInfo n) => n.Healthy && !_stalling.Contains(n.Url);

    /// <summary>
    /// The stranger to drop for a new one: an unhealthy stranger (the one with the most failed polls first, then one
    /// stalling searches); never a friend.
    /// </summary>
    private NeighbourInfo? EvictionCandidate() =>
        _peers.Values.Where(n => !_friends.Contains(n.Url) && (IsUnhealthy(n) || _stalling.Contains(n.Url)))
            .OrderByDescending(n => n.Failures).FirstOrDefault();

    private static string? Bounded(string? name) => name is { Length: <= MaxNameLength } ? name : null;
}
