namespace OrleansP2P.Cli.Transfer;

/// <summary>One transfer's line on the display; receives the byte count of each chunk as it is stored.</summary>
public interface ITransferProgress
{
    void Advance(long bytes);

    /// <summary>Replaces the line's label (a swarm shows its holders and bad pieces there).</summary>
    void Describe(string label)
    {
    }
}

/// <summary>A live display that transfers add their lines to, several at once for <c>p2p get --parallel</c>.</summary>
public interface IProgressBoard
{
    /// <param name="label">What is being transferred (a file name).</param>
    /// <param name="totalBytes">The whole file's size.</param>
    /// <param name="doneBytes">Bytes already in place (a resumed download), shown as done from the start.</param>
    ITransferProgress Add(string label, long totalBytes, long doneBytes = 0);
}

/// <summary>Shows transfers while they run: progress bars for people, nothing for <c>--json</c>.</summary>
public interface IProgressDisplay
{
    Task<T> RunAsync<T>(Func<IProgressBoard, Task<T>> work);
}
