using Microsoft.Extensions.Time.Testing;
using OrleansP2P.Contracts.Security;

namespace OrleansP2P.Contracts.Tests.Security;

public sealed class NonceCacheTests
{
    [Fact]
    public void A_nonce_is_remembered_while_its_timestamp_can_still_verify_and_forgotten_after()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_760_000_000));
        var cache = new NonceCache(time);
        var stamp = time.GetUtcNow().ToUnixTimeSeconds();

        Assert.True(cache.TryAdd("a", stamp));
        time.Advance(TimeSpan.FromSeconds(90));
        Assert.False(cache.TryAdd("a", stamp));

        time.Advance(TimeSpan.FromSeconds(40)); // 130 s: past the 2 x 60 s window
        Assert.True(cache.TryAdd("b", time.GetUtcNow().ToUnixTimeSeconds()));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_full_cache_refuses_new_nonces_instead_of_forgetting_live_ones()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_760_000_000));
        var cache = new NonceCache(time, capacity: 3);
        var stamp = time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var nonce in new[] { "a", "b", "c" })
            Assert.True(cache.TryAdd(nonce, stamp));

        Assert.False(cache.TryAdd("d", stamp));
        Assert.False(cache.TryAdd("a", stamp));
        Assert.Equal(3, cache.Count);
    }
}
