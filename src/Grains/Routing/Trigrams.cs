namespace OrleansP2P.Grains.Routing;

/// <summary>
/// The hashed trigrams of a folded token: every run of three consecutive UTF-16 code units, hashed with 32-bit FNV-1a
/// over the six bytes of the three code units (little-endian), modulo <see cref="RoutingTable.Size"/>. Part of the
/// <c>/routing</c> wire format: every peer must hash alike.
/// </summary>
public static class Trigrams
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static IEnumerable<int> Of(string token)
    {
        for (var i = 0; i + 3 <= token.Length; i++)
            yield return Hash(token.AsSpan(i, 3));
    }

    public static int Hash(ReadOnlySpan<char> trigram)
    {
        var hash = OffsetBasis;
        foreach (var c in trigram)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }
        return (int)(hash % RoutingTable.Size);
    }
}
