using OrleansP2P.Grains.Indexing;

namespace OrleansP2P.Grains.Routing;

/// <summary>
/// What a set of file names can match, as a bit set of hashed trigrams (see <see cref="Trigrams"/>): a query token of
/// three or more characters is a substring of a folded name only if every trigram of the token is a trigram of that
/// name, so a token with a trigram whose bit is clear proves no name here can match. Tokens of one or two characters
/// prove nothing (they may match anything). False positives are possible (hash collisions, trigrams from different
/// names), false negatives are not. Immutable.
/// </summary>
public sealed class RoutingTable
{
    /// <summary>Bits in a table: 2^15 (4 KiB on the wire).</summary>
    public const int Size = 1 << 15;

    public const int Bytes = Size / 8;

    private readonly byte[] _bits;

    private RoutingTable(byte[] bits) => _bits = bits;

    public static RoutingTable Empty { get; } = new(new byte[Bytes]);

    /// <summary>The table of these names.</summary>
    public static RoutingTable Of(IEnumerable<string> names)
    {
        var bits = new byte[Bytes];
        foreach (var name in names)
        {
            foreach (var token in NameFolding.Tokens(name))
            {
                foreach (var hash in Trigrams.Of(token))
                    bits[hash >> 3] |= (byte)(1 << (hash & 7));
            }
        }
        return new RoutingTable(bits);
    }

    /// <summary>A table read from the wire; null unless exactly <see cref="Bytes"/> bytes.</summary>
    public static RoutingTable? FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length == Bytes ? new RoutingTable(bytes.ToArray()) : null;

    public ReadOnlySpan<byte> AsSpan() => _bits;

    /// <summary>Everything either table can match.</summary>
    public RoutingTable Union(RoutingTable other)
    {
        var bits = new byte[Bytes];
        for (var i = 0; i < Bytes; i++)
            bits[i] = (byte)(_bits[i] | other._bits[i]);
        return new RoutingTable(bits);
    }

    /// <summary>
    /// False only when some token of <paramref name="queryTokens"/> (folded, see <see cref="NameFolding.Tokens"/>)
    /// cannot be a substring of any name this table was made of.
    /// </summary>
    public bool MayMatch(IReadOnlyList<string> queryTokens)
    {
        foreach (var token in queryTokens)
        {
            foreach (var hash in Trigrams.Of(token))
            {
                if ((_bits[hash >> 3] & (1 << (hash & 7))) == 0)
                    return false;
            }
        }
        return true;
    }

    public bool IsEmpty => !_bits.AsSpan().ContainsAnyExcept((byte)0);

    public override bool Equals(object? obj) => obj is RoutingTable other && _bits.AsSpan().SequenceEqual(other._bits);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bits);
        return hash.ToHashCode();
    }
}
