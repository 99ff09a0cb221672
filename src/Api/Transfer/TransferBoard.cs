using System.Collections.Concurrent;
using OrleansP2P.Grains.Diagnostics;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// The transfers board behind <c>GET /transfers</c>: the transfers in flight (gRPC and HTTP, both directions) and
/// the most recent finished ones, at most <see cref="RecentCapacity"/> of each (the newest), so a client that opens
/// many transfers cannot make the answer grow without bound. In memory only; a restart clears it.
/// </summary>
public sealed class TransferBoard(P2PMetrics metrics, TimeProvider time)
{
    public const int RecentCapacity = 100;

    private readonly ConcurrentDictionary<long, TransferMeter> _active = new();
    private readonly ConcurrentQueue<TransferMeter> _recent = new();
    private long _nextId;

    internal TimeProvider Time { get; } = time;

    /// <summary>A new transfer; it shows on the board from <see cref="TransferMeter.RunAsync{T}"/> on.</summary>
    /// <param name="direction"><c>download</c> or <c>upload</c>.</param>
    /// <param name="transport"><c>grpc</c> or <c>http</c>.</param>
    /// <param name="remote">The other end's address.</param>
    public TransferMeter Start(string direction, string transport, string remote) =>
        new(this, metrics, Interlocked.Increment(ref _nextId), direction, transport, remote);

    /// <summary>Transfers in flight, then finished ones, newest first: at most <see cref="RecentCapacity"/> of each.</summary>
    public IReadOnlyList<TransferMeter> Snapshot() =>
    [
        .. _active.Values.OrderByDescending(t => t.Id).Take(RecentCapacity),
        .. _recent.ToArray().Reverse(),
    ];

    internal void Add(TransferMeter transfer) => _active[transfer.Id] = transfer;

    internal void Complete(TransferMeter transfer)
    {
        _active.TryRemove(transfer.Id, out _);
        _recent.Enqueue(transfer);
        while (_recent.Count > RecentCapacity)
            _recent.TryDequeue(out _);
    }
}
