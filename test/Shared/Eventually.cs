using System.Diagnostics;

namespace OrleansP2P.Testing;

/// <summary>Polls for a condition until a deadline: the way to wait for something with no signal to await.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Calls <paramref name="probe"/> until <paramref name="done"/> holds for its result; fails the test at the deadline.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var value = await probe();
            if (done(value))
                return value;
            if (Stopwatch.GetElapsedTime(started) > limit)
                Assert.Fail($"{what}: not true within {limit.TotalSeconds} s (last value: {value})");
            await Task.Delay(PollInterval); // wait-ok: polling interval inside a deadline
        }
    }
}
