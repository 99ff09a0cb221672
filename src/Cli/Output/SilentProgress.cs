using OrleansP2P.Cli.Transfer;

namespace OrleansP2P.Cli.Output;

/// <summary>No display at all: machine output (<c>--json</c>) must stay clean.</summary>
public sealed class SilentProgress : IProgressDisplay, IProgressBoard, ITransferProgress
{
    public static readonly SilentProgress Instance = new();

    public Task<T> RunAsync<T>(Func<IProgressBoard, Task<T>> work) => work(this);

    public ITransferProgress Add(string label, long totalBytes, long doneBytes = 0) => this;

    public void Advance(long bytes)
    {
    }
}
