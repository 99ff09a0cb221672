namespace OrleansP2P.Testing;

/// <summary>
/// Polls a condition until it holds or a deadline passes: the one way tests wait for something that has no signal to
/// await (no fixed sleeps). A probe that fails the way a peer still starting fails (connection refused, timed out) is
/// retried; the last such failure is kept as the inner exception of the timeout.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Calls <paramref name="probe"/> until <paramref name="done"/> holds for its result, for up to <see cref="DefaultTimeout"/>.</summary>
    public static Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what) =>
        UntilAsync(probe, done, DefaultTimeout, what);

    /// <summary>Calls <paramref name="probe"/> until <paramref name="done"/> holds for its result; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var tick = new PeriodicTimer(Interval);
        T last = default!;
        Exception? lastError = null;
        do
        {
            try
            {
                last = await probe();
                if (done(last))
                    return last;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                lastError = e;
            }
        }
        while (await WaitTickAsync(tick, deadline.Token));
        throw new TimeoutException($"{what} did not happen within {timeout}; last value: {last}", lastError);
    }

    private static async Task<bool> WaitTickAsync(PeriodicTimer tick, CancellationToken token)
    {
        try
        {
            return await tick.WaitForNextTickAsync(token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
