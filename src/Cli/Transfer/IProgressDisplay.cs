namespace OrleansP2P.Cli.Transfer;

/// <summary>Receives the byte count of each chunk as it is stored.</summary>
public interface ITransferProgress
{
    void Advance(long bytes);
}

/// <summary>Shows a transfer while it runs: a progress bar for people, nothing for <c>--json</c>.</summary>
public interface IProgressDisplay
{
    /// <param name="label">What is being transferred (a file name).</param>
    /// <param name="totalBytes">The announced size, or null when unknown (an indeterminate display).</param>
    Task<T> RunAsync<T>(string label, long? totalBytes, Func<ITransferProgress, Task<T>> work);
}
