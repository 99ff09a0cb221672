using System.Collections.Concurrent;
using OrleansP2P.Contracts.Content;

namespace OrleansP2P.Swarm.Pieces;

/// <summary>
/// Room for one piece. The array is allocated once on the pinned object heap, so the socket reads, hashes and writes
/// that fill and drain it never meet a GC move; the GC frees it once its <see cref="PieceBuffers"/> pool is dropped.
/// </summary>
internal sealed class PieceBuffer
{
    private readonly byte[] _array = GC.AllocateUninitializedArray<byte>(PieceTree.PieceSize, pinned: true);

    public Memory<byte> Memory => _array.AsMemory();

    public Span<byte> Span => _array.AsSpan();
}

/// <summary>The piece buffers of one download, reused from piece to piece; they go with it when it ends.</summary>
internal sealed class PieceBuffers
{
    private readonly ConcurrentBag<PieceBuffer> _free = [];

    public PieceBuffer Rent() => _free.TryTake(out var buffer) ? buffer : new PieceBuffer();

    public void Return(PieceBuffer buffer) => _free.Add(buffer);
}
