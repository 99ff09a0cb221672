using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Metadata;
using Orleans.Runtime.GrainDirectory;

namespace OrleansP2P.Grains.Search;

/// <summary>
/// The silo's grain-directory cache (Orleans' LRU, <see cref="Size"/> entries) minus search grains. Each search is a grain
/// with a new id that lives a fraction of a second, so caching its address only fills the cache with entries nobody looks
/// up again; they survived every young-generation collection while the LRU kept them. A copy of a
/// query id that reaches another silo of the peer still finds the activation through the directory itself.
/// </summary>
public sealed class SearchDirectoryCache(IGrainDirectoryCache inner, GrainType uncached) : IGrainDirectoryCache, IAsyncDisposable
{
    /// <summary>Entries kept for every other grain type (peer grains, transfers: a handful per silo).</summary>
    public const int Size = 10_000;

    public void AddOrUpdate(GrainAddress value, int version)
    {
        if (!value.GrainId.Type.Equals(uncached))
            inner.AddOrUpdate(value, version);
    }

    public bool Remove(GrainId key) => inner.Remove(key);

    public bool Remove(GrainAddress key) => inner.Remove(key);

    public void Clear() => inner.Clear();

    public bool LookUp(GrainId key, [NotNullWhen(true)] out GrainAddress? result, out int version) => inner.LookUp(key, out result, out version);

    public IEnumerable<(GrainAddress ActivationAddress, int Version)> KeyValues => inner.KeyValues;

    public async ValueTask DisposeAsync()
    {
        if (inner is IAsyncDisposable asyncDisposable)
            await asyncDisposable.DisposeAsync();
        else
            (inner as IDisposable)?.Dispose();
    }
}

public static class SearchDirectoryCacheExtensions
{
    /// <summary>Every silo of a peer: the directory caches up to <see cref="SearchDirectoryCache.Size"/> addresses, never a search grain's.</summary>
    public static ISiloBuilder UseSearchDirectoryCache(this ISiloBuilder silo)
    {
        silo.Configure<GrainDirectoryOptions>(o =>
        {
            o.CacheSize = SearchDirectoryCache.Size;
            o.CachingStrategy = GrainDirectoryOptions.CachingStrategyType.Custom;
        });
        silo.Services.AddSingleton<IGrainDirectoryCache>(sp =>
        {
            var lru = new GrainDirectoryOptions
            {
                CacheSize = SearchDirectoryCache.Size,
                CachingStrategy = GrainDirectoryOptions.CachingStrategyType.LRU,
                MaximumCacheTTL = sp.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.MaximumCacheTTL,
            };
            return new SearchDirectoryCache(GrainDirectoryCacheFactory.CreateGrainDirectoryCache(sp, lru),
                sp.GetRequiredService<GrainTypeResolver>().GetGrainType(typeof(SearchGrain)));
        });
        return silo;
    }
}
