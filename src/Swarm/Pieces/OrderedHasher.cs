using System.Security.Cryptography;
using System.Threading.Channels;
using OrleansP2P.Swarm.Resuming;
using OrleansP2P.Swarm.Running;

namespace OrleansP2P.Swarm.Pieces;

/// <summary>
/// The whole file's SHA-256, hashed in order as the verified prefix grows. Pieces verified in this run arrive in their
/// buffers and wait here until the prefix reaches them (up to a bound; beyond it they are read back from the part
/// file). Pieces verified by an earlier run are read back from the part file and checked against their leaf again: one
/// that no longer matches is handed back to the scheduler and fetched again.
/// </summary>
internal sealed class OrderedHasher : IDisposable
{
    private const byte InMemory = 0, Resumed = 1, OnDisk = 2;

    private readonly PieceList _pieces;
    private readonly PieceScheduler _scheduler;
    private readonly PartFile _part;
    private readonly int _maxHeld;
    private readonly PieceBuffers _buffers;
    private readonly Pulse _pulse;
    private readonly Channel<(int Index, PieceBuffer Buffer)> _inbox = Channel.CreateUnbounded<(int, PieceBuffer)>(new() { SingleReader = true });
    private readonly Dictionary<int, PieceBuffer> _held = [];
    private readonly byte[] _source;
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _next;

    public OrderedHasher(PieceList pieces, PieceScheduler scheduler, PartFile part, PieceBitmap resumed, int maxHeld, PieceBuffers buffers, Pulse pulse)
    {
        (_pieces, _scheduler, _part, _maxHeld, _buffers, _pulse) = (pieces, scheduler, part, maxHeld, buffers, pulse);
        _source = new byte[pieces.Count];
        for (var i = 0; i < pieces.Count; i++)
            _source[i] = resumed[i] ? Resumed : InMemory;
    }

    public void Post(int index, PieceBuffer buffer)
    {
        if (!_inbox.Writer.TryWrite((index, buffer)))
            _buffers.Return(buffer);
    }

    /// <summary>Hashes until the last piece; the whole file's SHA-256 in lower-case hex.</summary>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        Advance();
        while (_next < _pieces.Count)
        {
            var (index, buffer) = await _inbox.Reader.ReadAsync(cancellationToken);
            if (index < _next || (index != _next && _held.Count >= _maxHeld))
            {
                _source[index] = index < _next ? _source[index] : OnDisk;
                _buffers.Return(buffer);
            }
            else
            {
                _held[index] = buffer;
            }
            Advance();
        }
        return Convert.ToHexStringLower(_sha.GetHashAndReset());
    }

    public void Dispose()
    {
        _inbox.Writer.TryComplete();
        foreach (var buffer in _held.Values)
            _buffers.Return(buffer);
        _held.Clear();
        while (_inbox.Reader.TryRead(out var item))
            _buffers.Return(item.Buffer);
        _sha.Dispose();
    }

    private void Advance()
    {
        while (_next < _pieces.Count)
        {
            if (_held.Remove(_next, out var buffer))
            {
                _sha.AppendData(buffer.Span[.._pieces.Length(_next)]);
                _buffers.Return(buffer);
            }
            else if (_source[_next] == InMemory || !TryReadBack(_next))
            {
                return;
            }
            _next++;
        }
    }

    private bool TryReadBack(int index)
    {
        var buffer = _buffers.Rent();
        try
        {
            var piece = buffer.Span[.._pieces.Length(index)];
            var intact = _part.TryRead(piece, PieceList.Offset(index));
            if (intact && _source[index] == Resumed)
            {
                Span<byte> leaf = stackalloc byte[32];
                SHA256.HashData(piece, leaf);
                intact = leaf.SequenceEqual(_pieces.Leaf(index));
            }
            if (!intact)
            {
                _source[index] = InMemory;
                _scheduler.Unverify(index);
                _pulse.Signal();
                return false;
            }
            _sha.AppendData(piece);
            return true;
        }
        finally
        {
            _buffers.Return(buffer);
        }
    }
}
