namespace OrleansP2P.Contracts.Security;

/// <summary>
/// Nonces of accepted signed calls, remembered for as long as their timestamp is inside the skew window (twice
/// <see cref="RequestSigner.MaxSkew"/> after it, as a timestamp may be ahead of our clock). Older entries are dropped,
/// and the cache never holds more than <see cref="Capacity"/> nonces: when full, it refuses new ones instead of
/// forgetting live ones (a flood of signed calls needs the key in the first place).
/// </summary>
public sealed class NonceCache(TimeProvider time, int capacity = NonceCache.DefaultCapacity)
{
    public const int DefaultCapacity = 200_000;

    private readonly Dictionary<string, long> _expiry = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, long> _byExpiry = new();
    private readonly Lock _gate = new();

    public int Capacity { get; } = capacity;

    public int Count
    {
        get
        {
            lock (_gate)
                return _expiry.Count;
        }
    }

    /// <summary>Remembers <paramref name="nonce"/>; false when it was seen before (a replay) or the cache is full.</summary>
    public bool TryAdd(string nonce, long timestampSeconds)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var expires = timestampSeconds + (2 * (long)RequestSigner.MaxSkew.TotalSeconds);
        lock (_gate)
        {
            while (_byExpiry.TryPeek(out var oldest, out var at) && at < now)
            {
                _byExpiry.Dequeue();
                _expiry.Remove(oldest);
            }
            if (_expiry.ContainsKey(nonce) || _expiry.Count >= Capacity)
                return false;
            _expiry[nonce] = expires;
            _byExpiry.Enqueue(nonce, expires);
            return true;
        }
    }
}
