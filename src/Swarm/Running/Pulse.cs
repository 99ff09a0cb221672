namespace OrleansP2P.Swarm.Running;

/// <summary>Wakes everyone waiting for "something changed" (a piece verified or given back, a request ended, a tick).</summary>
internal sealed class Pulse
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Signal"/>; take it before checking the state it guards.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Signal() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
