namespace OrleansP2P.Grains.Search;

/// <summary>
/// The query ids this peer has seen, with the largest remaining ttl each arrived with. Bounded in
/// time (entries expire after <see cref="Window"/>) and in size (the oldest go first), so a flood
/// of distinct ids cannot grow memory without limit.
/// </summary>
public sealed class SeenQueries(TimeProvider time, int capacity = SeenQueries.DefaultCapacity)
{
    public const int DefaultCapacity = 100_000;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(2);

    private readonly Dictionary<Guid, (int Ttl, long SeenAt)> _seen = [];
    private readonly Queue<(Guid Id, long SeenAt)> _order = new();
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
    public int Record(Guid id, int ttl)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            Evict(now);
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
