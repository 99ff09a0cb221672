using System.Collections.Immutable;
using OrleansP2P.Grains.Indexing;

namespace OrleansP2P.Grains.Routing;

/// <summary>
/// Which neighbours a copy of a query skips: those whose published levels prove that nothing within the copy's reach
/// through them can match. A copy with ttl t sends t−1 on, so it reaches levels 0 to t−1 of a neighbour. Never for
/// <c>*</c>, <c>urn:sha256:</c> queries or queries without tokens, nor for a neighbour whose levels are unknown.
/// </summary>
public static class RoutingPrune
{
    public static ImmutableArray<string> Skipped(
        ImmutableArray<string> targets, IReadOnlyDictionary<string, RoutingLevels>? routing, string query, int ttl)
    {
        if (ttl <= 0 || routing is null || routing.Count == 0 || FileMatcher.RoutingTokens(query) is not { } tokens)
            return [];
        var skipped = ImmutableArray.CreateBuilder<string>();
        foreach (var url in targets)
        {
            if (routing.TryGetValue(url, out var levels) && !levels.MayMatchWithin(ttl - 1, tokens))
                skipped.Add(url);
        }
        return skipped.ToImmutable();
    }
}
