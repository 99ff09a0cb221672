using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using OrleansP2P.Contracts.Content;

namespace OrleansP2P.Swarm.Pieces;

/// <summary>
/// Room for one piece whose first byte sits on an <see cref="Alignment"/> boundary, so the part file can write it
/// straight to the disk (<see cref="PartFile"/>, O_DIRECT) instead of copying it into the page cache. The array is
/// pinned for its whole life; the GC frees it once its <see cref="PieceBuffers"/> pool is dropped.
/// </summary>
internal sealed class PieceBuffer
{
    /// <summary>The largest logical block size direct I/O asks buffers, offsets and lengths to be multiples of.</summary>
    public const int Alignment = 4096;

    private readonly byte[] _array = GC.AllocateUninitializedArray<byte>(PieceTree.PieceSize + Alignment, pinned: true);
    private readonly int _start;

    public PieceBuffer() => _start = (int)((Alignment - Marshal.UnsafeAddrOfPinnedArrayElement(_array, 0) % Alignment) % Alignment);

    public Memory<byte> Memory => _array.AsMemory(_start, PieceTree.PieceSize);

    public Span<byte> Span => _array.AsSpan(_start, PieceTree.PieceSize);
}

/// <summary>The piece buffers of one download, reused from piece to piece; they go with it when it ends.</summary>
internal sealed class PieceBuffers
{
    private readonly ConcurrentBag<PieceBuffer> _free = [];

    public PieceBuffer Rent() => _free.TryTake(out var buffer) ? buffer : new PieceBuffer();

    public void Return(PieceBuffer buffer) => _free.Add(buffer);
}
