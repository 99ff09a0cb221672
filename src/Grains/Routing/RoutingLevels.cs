using System.Collections.Immutable;
using System.Security.Cryptography;

namespace OrleansP2P.Grains.Routing;

/// <summary>
/// What a peer publishes at <c>/routing</c>: level 0 is the table of its own names; level k is the union of its
/// neighbours' level k−1, i.e. what can be matched k hops away through it (a superset: paths back through this peer
/// count too). <see cref="Version"/> is a hash of the levels' content, so it changes exactly when they do and two
/// peers' versions settle even though each one's levels include the other's.
/// </summary>
public sealed class RoutingLevels
{
    /// <summary>Levels a peer publishes: 0–3, enough to prune forwards of ttl ≤ 3 all the way down.</summary>
    public const int Depth = 4;

    private RoutingLevels(ImmutableArray<RoutingTable> levels)
    {
        Levels = levels;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var level in levels)
            hash.AppendData(level.AsSpan());
        Version = BitConverter.ToInt64(hash.GetHashAndReset()) & long.MaxValue;
    }

    public ImmutableArray<RoutingTable> Levels { get; }

    public long Version { get; }

    public static RoutingLevels Empty { get; } = new([RoutingTable.Empty]);

    /// <summary>Levels read from the wire (at least one, at most <see cref="Depth"/>).</summary>
    public static RoutingLevels? FromWire(IReadOnlyList<RoutingTable> levels) =>
        levels.Count is > 0 and <= Depth ? new([.. levels]) : null;

    /// <summary>
    /// This peer's levels from its own table and what its neighbours published (null for a neighbour whose table is
    /// not known: it serves no <c>/routing</c>, or it was not fetched yet). Level k is published only when every
    /// neighbour's level k−1 is known, so a reader never takes "unknown" for "nothing there".
    /// </summary>
    public static RoutingLevels Build(RoutingTable own, IReadOnlyCollection<RoutingLevels?> neighbours)
    {
        var depth = Math.Min(Depth, 1 + (neighbours.Count == 0 ? Depth : neighbours.Min(n => n?.Levels.Length ?? 0)));
        var levels = new RoutingTable[depth];
        levels[0] = own;
        for (var k = 1; k < depth; k++)
        {
            levels[k] = RoutingTable.Empty;
            foreach (var neighbour in neighbours)
                levels[k] = levels[k].Union(neighbour!.Levels[k - 1]);
        }
        return new RoutingLevels([.. levels]);
    }

    /// <summary>
    /// False only when a forward with <paramref name="ttl"/> hops left, sent to the peer these levels belong to,
    /// provably cannot find a match: every level it can reach (0 to <paramref name="ttl"/>) is published and none can
    /// match <paramref name="queryTokens"/>.
    /// </summary>
    public bool MayMatchWithin(int ttl, IReadOnlyList<string> queryTokens)
    {
        if (ttl >= Levels.Length)
            return true; // peers further than the published levels are unknown
        for (var k = 0; k <= ttl; k++)
        {
            if (Levels[k].MayMatch(queryTokens))
                return true;
        }
        return false;
    }
}
