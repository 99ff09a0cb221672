using System.Threading.Channels;

namespace OrleansP2P.Contracts.Files;

/// <summary>
/// Hands received chunks to a second task that hashes and writes them, so that receiving the next chunk overlaps
/// storing this one. At most <c>depth</c> chunks wait. <see cref="CompleteAsync"/> stores everything received before
/// it returns — also after a cancellation, so a part file holds every byte that arrived and a resume re-fetches none.
/// Chunks must stay valid once queued (gRPC's <c>ByteString</c> memory does). Used by the peer and the CLI.
/// </summary>
public sealed class WriteBehind
{
    private readonly Channel<ReadOnlyMemory<byte>> _queue;
    private readonly Func<ReadOnlyMemory<byte>, ValueTask> _store;
    private readonly Task _writer;

    /// <param name="store">Stores one chunk; runs on the writer task, one chunk at a time, in order.</param>
    public WriteBehind(Func<ReadOnlyMemory<byte>, ValueTask> store, int depth = 32)
    {
        _store = store;
        _queue = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(depth) { SingleReader = true, SingleWriter = true });
        _writer = Task.Run(WriteAllAsync);
    }

    /// <summary>Queues a chunk; waits while <c>depth</c> chunks are queued. Throws the writer's failure, if it failed.</summary>
    public async ValueTask EnqueueAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(chunk, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            await _writer; // rethrows what stopped the writer
            throw;
        }
    }

    /// <summary>Stores every queued chunk, then returns (or throws what went wrong while storing).</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _writer;
    }

    private async Task WriteAllAsync()
    {
        try
        {
            await foreach (var chunk in _queue.Reader.ReadAllAsync())
                await _store(chunk);
        }
        catch (Exception e)
        {
            _queue.Writer.TryComplete(e);
            throw;
        }
    }
}
