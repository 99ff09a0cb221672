using Microsoft.Extensions.Caching.Memory;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Search;

/// <summary>
/// The origin's cache of recent answers to identical searches (same query, ttl and fanout): short
/// lived, bounded in entries, and void as soon as the local index changed.
/// </summary>
public sealed class SearchResultCache(TimeProvider time) : IDisposable
{
    public const int Capacity = 1024;

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity, Clock = null });

    public sealed record Entry(Guid QueryId, SearchOutcome Outcome, long IndexVersion);

    public Entry? TryGet(string query, int ttl, int fanout, long indexVersion) =>
        _cache.TryGetValue(Key(query, ttl, fanout), out Entry? entry) && entry!.IndexVersion == indexVersion ? entry : null;

    public void Put(string query, int ttl, int fanout, Entry entry)
    {
        // Incomplete answers are not worth repeating: the next search may reach more peers.
        if (!entry.Outcome.Complete)
            return;
        _cache.Set(Key(query, ttl, fanout), entry, new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpiration = time.GetUtcNow() + Lifetime,
        });
    }

    public void Dispose() => _cache.Dispose();

    private static (string, int, int) Key(string query, int ttl, int fanout) => (query, ttl, fanout);
}
