using OrleansP2P.Swarm.Holders;

namespace OrleansP2P.Swarm.Pieces;

/// <summary>A piece's bytes as received, in a pooled buffer, waiting to be verified; whoever takes it returns the buffer.</summary>
internal readonly record struct LandedPiece(int Index, PieceBuffer Buffer, int Length, HolderState Holder)
{
    public ReadOnlySpan<byte> Bytes => Buffer.Span[..Length];
}
