namespace OrleansP2P.Testing;

/// <summary>Polls a condition until it holds or a deadline passes (no fixed sleeps in tests).</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
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
