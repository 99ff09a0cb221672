using System.Diagnostics;
using OrleansP2P.Api.Transfer;

namespace OrleansP2P.Api.Tests.Transfer;

/// <summary><see cref="UploadRateLimit"/> on its own: who waits, for how long at least, and in which order.</summary>
public sealed class UploadRateLimitTests
{
    /// <summary>Bytes per second small enough that one chunk (all of them) takes a whole second to earn.</summary>
    private const int Slow = 100;

    [Fact]
    public async Task Without_a_rate_nothing_waits()
    {
        using var limit = new UploadRateLimit(0);

        for (var i = 0; i < 100; i++)
            await limit.AcquireAsync(UploadRateLimit.MaxChunk, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(limit.IsLimited);
        Assert.Equal(UploadRateLimit.MaxChunk, limit.ChunkSize);
    }

    [Fact]
    public void A_slow_rate_takes_chunks_no_larger_than_a_second_of_it()
    {
        using var limit = new UploadRateLimit(Slow);

        Assert.True(limit.IsLimited);
        Assert.Equal(Slow, limit.ChunkSize);
    }

    [Fact]
    public async Task Once_the_bucket_is_empty_a_sender_waits_for_the_bytes_it_asks_for()
    {
        using var limit = new UploadRateLimit(Slow);
        await limit.AcquireAsync(Slow, CancellationToken.None); // the full bucket
        var clock = Stopwatch.StartNew();

        await limit.AcquireAsync(Slow, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.8), $"{Slow} bytes at {Slow} B/s came after {clock.Elapsed}");
    }

    [Fact]
    public async Task Waiting_senders_are_served_in_the_order_they_asked()
    {
        using var limit = new UploadRateLimit(Slow);
        await limit.AcquireAsync(Slow, CancellationToken.None);

        var first = limit.AcquireAsync(Slow, CancellationToken.None).AsTask();
        var second = limit.AcquireAsync(Slow, CancellationToken.None).AsTask();

        Assert.Same(first, await Task.WhenAny(first, second).WaitAsync(TimeSpan.FromSeconds(30)));
        await second.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
