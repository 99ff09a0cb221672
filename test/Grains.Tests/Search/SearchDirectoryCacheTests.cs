using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.GrainDirectory;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Grains.Tests.Search;

/// <summary>The directory cache keeps addresses of every grain type but the search grain's, over Orleans' own LRU.</summary>
public sealed class SearchDirectoryCacheTests : IAsyncDisposable
{
    private static readonly GrainType Search = GrainType.Create("search");
    private static readonly GrainType Peer = GrainType.Create("peer");
    private static readonly SiloAddress Silo = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);

    private readonly SearchDirectoryCache _cache = new(
        GrainDirectoryCacheFactory.CreateGrainDirectoryCache(new ServiceCollection().BuildServiceProvider(),
            new GrainDirectoryOptions { CacheSize = 100, CachingStrategy = GrainDirectoryOptions.CachingStrategyType.LRU }),
        Search);

    [Fact]
    public void A_search_grain_address_is_never_cached_and_other_grains_are()
    {
        var search = AddressOf(Search, Guid.NewGuid().ToString("N"));
        var peer = AddressOf(Peer, "peer-1");

        _cache.AddOrUpdate(search, 1);
        _cache.AddOrUpdate(peer, 2);

        Assert.False(_cache.LookUp(search.GrainId, out _, out _));
        Assert.True(_cache.LookUp(peer.GrainId, out var found, out var version));
        Assert.Equal(peer, found);
        Assert.Equal(2, version);
        Assert.Equal([peer], _cache.KeyValues.Select(kv => kv.ActivationAddress));
    }

    [Fact]
    public void Removing_and_clearing_reach_the_cache_underneath()
    {
        var first = AddressOf(Peer, "peer-1");
        var second = AddressOf(Peer, "peer-2");
        _cache.AddOrUpdate(first, 1);
        _cache.AddOrUpdate(second, 1);

        Assert.True(_cache.Remove(first.GrainId));
        Assert.False(_cache.LookUp(first.GrainId, out _, out _));
        Assert.True(_cache.LookUp(second.GrainId, out _, out _));

        _cache.Clear();
        Assert.Empty(_cache.KeyValues);
    }

    public ValueTask DisposeAsync() => _cache.DisposeAsync();

    private static GrainAddress AddressOf(GrainType type, string key) =>
        new() { GrainId = GrainId.Create(type, key), SiloAddress = Silo, ActivationId = ActivationId.NewId() };
}
