namespace OrleansP2P.Grains.Search;

/// <summary>
/// The query ids this peer has seen, with the largest remaining ttl each arrived with. Bounded in
/// time (entries expire after <see cref="Window"/>) and in size (the oldest go first), so a flood
/// of distinct ids cannot grow memory without limit. The <see cref="RelayState"/> of the most recent
/// <see cref="RelayCapacity"/> ids is kept beside: one evicted early only costs extra copies (a later copy
/// of its id is planned afresh), never coverage.
/// </summary>
public sealed class SeenQueries(TimeProvider time, int capacity = SeenQueries.DefaultCapacity)
{
    public const int DefaultCapacity = 100_000;

    /// <summary>How many ids keep their forwarding state: far more than searches in flight at once.</summary>
    public const int RelayCapacity = 4096;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(2);

    private readonly Dictionary<Guid, (int Ttl, long SeenAt)> _seen = [];
    private readonly Queue<(Guid Id, long SeenAt)> _order = new();
    private readonly Dictionary<Guid, RelayState> _relays = [];
    private readonly Queue<Guid> _relayOrder = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
                return _seen.Count;
        }
    }

    /// <summary>
    /// Records that <paramref name="id"/> arrived with <paramref name="ttl"/>. Returns the largest
    /// ttl it arrived with before, or -1 when this is the first copy.
    /// </summary>
    public int Record(Guid id, int ttl) => Record(id, ttl, out _);

    /// <summary><see cref="Record(Guid, int)"/>, and the id's forwarding state (one per id while it is kept).</summary>
    public int Record(Guid id, int ttl, out RelayState relay)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            Evict(now);
            relay = RelayOf(id);
            if (_seen.TryGetValue(id, out var previous))
            {
                if (ttl > previous.Ttl)
                    _seen[id] = (ttl, previous.SeenAt);
                return previous.Ttl;
            }
            _seen[id] = (ttl, now);
            _order.Enqueue((id, now));
            return -1;
        }
    }

    private RelayState RelayOf(Guid id)
    {
        if (_relays.TryGetValue(id, out var relay))
            return relay;
        if (_relayOrder.Count >= RelayCapacity)
            _relays.Remove(_relayOrder.Dequeue());
        _relayOrder.Enqueue(id);
        return _relays[id] = new RelayState();
    }

    private void Evict(long now)
    {
        while (_order.TryPeek(out var oldest)
            && (_seen.Count >= capacity || time.GetElapsedTime(oldest.SeenAt, now) > Window))
        {
            _order.Dequeue();
            _seen.Remove(oldest.Id);
        }
    }
}
