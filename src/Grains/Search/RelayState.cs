using System.Collections.Immutable;
using OrleansP2P.Contracts;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Search;

/// <summary>One forward this peer sends: the neighbour and what it is told (see <see cref="RelayHints"/>).</summary>
public sealed record Forward(string Url, RelayHints Hints);

/// <summary>
/// The one forwarding decision of a query id at this peer (docs/architecture.md, "Relayed forwarding"): whom copies
/// go to, and for each, which of its neighbours it forwards to in turn, so that every peer within ttl hops gets a copy
/// with the ttl a flood would give it, while most get only that one. It keeps, for the best ttl a copy of the id
/// arrived with: the union of the relay lists of such copies (or "all" once one had none or was planned on a
/// neighbour list this peer no longer advertises), the ttls known so far (<see cref="RelayHints.Known"/>), which
/// neighbour each of its neighbours' neighbours was given to, and what each neighbour was sent. A copy adds to that;
/// a neighbour gets another copy only when it has more to do. Thread-safe: copies of one id race.
/// </summary>
public sealed class RelayState
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _relay = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _assigned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableHashSet<string>?> _sent = new(StringComparer.Ordinal);
    private int _best = -1;
    private bool _all;

    /// <summary>
    /// The forwards <paramref name="request"/> adds at this peer (<paramref name="self"/>), given its hop input; none
    /// when a copy with a larger ttl was planned already or the copy asks for nothing new.
    /// </summary>
    public IReadOnlyList<Forward> Plan(SearchRequest request, HopInput input, string self)
    {
        lock (_lock)
        {
            if (request.Ttl < _best)
                return [];
            if (request.Ttl > _best)
                Reset(request.Ttl);
            Merge(request.Hints, input.View);
            if (request.Ttl == 0)
                return [];
            // A neighbour listing more peers than the fanout may not reach them all: it gets no plan (it floods).
            var links = (input.Links ?? ImmutableDictionary<string, NeighbourLinks>.Empty)
                .Where(l => l.Value.Peers.Length <= request.Fanout).ToImmutableDictionary(StringComparer.Ordinal);
            Raise(self, _best);
            var chosen = Targets(request, input.Targets, input.Skip, links, self);
            var relays = Assign(chosen, input.Targets, links, self, request.Path);
            return Sends(chosen, relays, links);
        }
    }

    private void Reset(int ttl)
    {
        _best = ttl;
        _all = false;
        _relay.Clear();
        _known.Clear();
        _assigned.Clear();
        _sent.Clear();
    }

    /// <summary>A relay list counts only when it was planned on the neighbour list this peer advertises now.</summary>
    private void Merge(RelayHints? hints, string? ownView)
    {
        if (hints?.View is null || hints.View != ownView)
            _all = true;
        else
            _relay.UnionWith(hints.Relay);
        foreach (var (url, ttl) in hints?.Known ?? ImmutableDictionary<string, int>.Empty)
            Raise(url, ttl);
    }

    /// <summary>
    /// The neighbours this peer sends a copy to: those asked for (all, or the relay lists'), in the hop input's order,
    /// never the peer itself or one on the path, nor one its routing table rules out (<paramref name="skip"/>), nor one
    /// known to get a copy with more ttl than this one would carry; at most fanout.
    /// </summary>
    private List<string> Targets(SearchRequest request, ImmutableArray<string> neighbours, ImmutableArray<string> skip,
        ImmutableDictionary<string, NeighbourLinks> links, string self) =>
        [.. neighbours
            .Where(url => url != self && !request.Path.Contains(url) && (_all || _relay.Contains(url))
                && (skip.IsDefaultOrEmpty || !skip.Contains(url)) && !Late(url, _best - 1, links))
            .Take(request.Fanout)];

    /// <summary>
    /// Gives every neighbour of a chosen neighbour that is not this peer's own neighbour, not on the path and not known
    /// to be reached with more ttl, to exactly one chosen neighbour that lists it (the one with the fewest so far), keeping
    /// what earlier copies gave. Returns each chosen neighbour's relay list.
    /// </summary>
    private Dictionary<string, HashSet<string>> Assign(
        List<string> chosen, ImmutableArray<string> neighbours, ImmutableDictionary<string, NeighbourLinks> links, string self, ImmutableArray<string> path)
    {
        var relays = chosen.ToDictionary(url => url, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (peer, via) in _assigned)
            if (relays.TryGetValue(via, out var list))
                list.Add(peer);
        foreach (var via in chosen)
            Raise(via, _best - 1); // sent a copy now
        foreach (var via in chosen)
        {
            if (!links.TryGetValue(via, out var theirs))
                continue;
            foreach (var peer in theirs.Peers)
            {
                if (peer == self || _assigned.ContainsKey(peer) || neighbours.Contains(peer) || path.Contains(peer) || Late(peer, _best - 2, links))
                    continue;
                var best = chosen.Where(url => links.TryGetValue(url, out var l) && l.Peers.Contains(peer)).MinBy(url => relays[url].Count)!;
                _assigned[peer] = best;
                relays[best].Add(peer);
                Raise(peer, _best - 2); // relayed to by a neighbour that lists at most fanout peers
            }
        }
        return relays;
    }

    /// <summary>One forward per chosen neighbour that has more to do than what it was sent before.</summary>
    private List<Forward> Sends(List<string> chosen, Dictionary<string, HashSet<string>> relays, ImmutableDictionary<string, NeighbourLinks> links)
    {
        var known = KnownForChildren();
        var forwards = new List<Forward>();
        foreach (var url in chosen)
        {
            ImmutableHashSet<string>? relay = links.ContainsKey(url) ? [.. relays[url]] : null;
            if (_sent.TryGetValue(url, out var before) && (before is null || (relay is not null && relay.IsSubsetOf(before))))
                continue;
            _sent[url] = relay;
            forwards.Add(new Forward(url, relay is null
                ? new RelayHints([], null, known)
                : new RelayHints([.. relay.Order(StringComparer.Ordinal)], links[url].View, known)));
        }
        return forwards;
    }

    /// <summary>
    /// Whether a copy with <paramref name="ttl"/> would come late to <paramref name="url"/>: it is known to be reached
    /// with more, or a neighbour that lists it back is known to be reached with more than one more.
    /// </summary>
    private bool Late(string url, int ttl, ImmutableDictionary<string, NeighbourLinks> links) =>
        (_known.TryGetValue(url, out var known) && known > ttl)
        || (links.TryGetValue(url, out var theirs) && theirs.Mutual.Any(peer => _known.TryGetValue(peer, out var k) && k > ttl + 1));

    private void Raise(string url, int ttl)
    {
        if (ttl >= 0 && (!_known.TryGetValue(url, out var known) || known < ttl))
            _known[url] = ttl;
    }

    /// <summary>The known ttls a copy carries on: the largest <see cref="PeerLinks.MaxKnown"/>.</summary>
    private ImmutableDictionary<string, int> KnownForChildren() =>
        _known.Count <= PeerLinks.MaxKnown
            ? _known.ToImmutableDictionary(StringComparer.Ordinal)
            : _known.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(PeerLinks.MaxKnown)
                .ToImmutableDictionary(StringComparer.Ordinal);
}
