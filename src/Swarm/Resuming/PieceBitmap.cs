namespace OrleansP2P.Swarm.Resuming;

/// <summary>One bit per piece: set when the piece is verified. Not thread-safe; the scheduler guards its own copy.</summary>
public sealed class PieceBitmap
{
    private readonly byte[] _bits;

    public PieceBitmap(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
        _bits = new byte[ByteLength(count)];
    }

    public int Count { get; }

    /// <summary>Pieces set.</summary>
    public int SetCount { get; private set; }

    public bool this[int index] => (_bits[index >> 3] & (1 << (index & 7))) != 0;

    public static int ByteLength(int count) => (count + 7) / 8;

    /// <summary>Sets a piece; false when it was set already.</summary>
    public bool Set(int index)
    {
        if (this[index])
            return false;
        _bits[index >> 3] |= (byte)(1 << (index & 7));
        SetCount++;
        return true;
    }

    /// <summary>Clears a piece; false when it was clear.</summary>
    public bool Clear(int index)
    {
        if (!this[index])
            return false;
        _bits[index >> 3] &= (byte)~(1 << (index & 7));
        SetCount--;
        return true;
    }

    public PieceBitmap Copy()
    {
        var copy = new PieceBitmap(Count);
        _bits.CopyTo(copy._bits, 0);
        copy.SetCount = SetCount;
        return copy;
    }

    /// <summary>The bits, piece 0 in the lowest bit of the first byte (what a ledger stores).</summary>
    public byte[] ToBytes() => (byte[])_bits.Clone();

    /// <summary>Reads stored bits; null when their length does not fit <paramref name="count"/> or a bit past the end is set.</summary>
    public static PieceBitmap? FromBytes(int count, ReadOnlySpan<byte> bytes)
    {
        if (count < 0 || bytes.Length != ByteLength(count))
            return null;
        var bitmap = new PieceBitmap(count);
        for (var i = 0; i < bytes.Length * 8; i++)
        {
            if ((bytes[i >> 3] & (1 << (i & 7))) == 0)
                continue;
            if (i >= count)
                return null;
            bitmap.Set(i);
        }
        return bitmap;
    }
}
