using OrleansP2P.Cli.Transfer;

namespace OrleansP2P.Cli.Output;

/// <summary>No display at all: machine output (<c>--json</c>) must stay clean.</summary>
public sealed class SilentProgress : IProgressDisplay, ITransferProgress
{
    public static readonly SilentProgress Instance = new();

    public Task<T> RunAsync<T>(string label, long? totalBytes, Func<ITransferProgress, Task<T>> work) => work(this);

    public void Advance(long bytes)
    {
    }
}
