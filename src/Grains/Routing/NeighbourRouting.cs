using System.Collections.Immutable;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Routing;

/// <summary>
/// What one <c>GET /routing</c> to a neighbour brought: its levels, "unchanged" (a 304 for the version held), "no
/// table" (it answered, but serves none in our format: never skip it), or no answer at all (keep what is held; a
/// neighbour that stays silent is marked unhealthy by the health polls and leaves the search targets).
/// </summary>
public enum RoutingAnswerKind
{
    Levels,
    Unchanged,
    NoTable,
    NoAnswer,
}

public readonly record struct RoutingAnswer(RoutingAnswerKind Kind, RoutingLevels? Levels = null)
{
    public static RoutingAnswer Of(RoutingLevels? levels) => levels is null ? new(RoutingAnswerKind.NoTable) : new(RoutingAnswerKind.Levels, levels);
}

/// <summary>
/// The routing levels a peer's neighbours published (by URL) and the peer's own, built from them and its index
/// (<see cref="RoutingLevels.Build"/>). Owned by the peer grain: not thread-safe.
/// </summary>
public sealed class NeighbourRouting
{
    private readonly Dictionary<string, RoutingLevels> _levels = new(StringComparer.Ordinal);

    /// <summary>The version held for <paramref name="url"/>, sent back so an unchanged table costs a 304.</summary>
    public long? VersionOf(string url) => _levels.TryGetValue(url, out var levels) ? levels.Version : null;

    /// <summary>Applies an answer; true when what is held for <paramref name="url"/> changed.</summary>
    public bool Apply(string url, RoutingAnswer answer)
    {
        if (answer is { Kind: RoutingAnswerKind.Levels, Levels: { } levels })
        {
            var changed = VersionOf(url) != levels.Version;
            _levels[url] = levels;
            return changed;
        }
        return answer.Kind == RoutingAnswerKind.NoTable && _levels.Remove(url);
    }

    /// <summary>Forgets every neighbour not in <paramref name="known"/>; true when one was forgotten.</summary>
    public bool RetainOnly(IReadOnlyCollection<string> known)
    {
        var gone = _levels.Keys.Where(url => !known.Contains(url)).ToList();
        foreach (var url in gone)
            _levels.Remove(url);
        return gone.Count > 0;
    }

    /// <summary>The levels of those <paramref name="targets"/> whose tables are held.</summary>
    public ImmutableDictionary<string, RoutingLevels> Of(ImmutableArray<string> targets) =>
        targets.Where(_levels.ContainsKey).ToImmutableDictionary(url => url, url => _levels[url], StringComparer.Ordinal);

    /// <summary>This peer's levels: its own names at level 0, and what its search targets published beyond.</summary>
    public RoutingLevels Build(FileIndexSnapshot index, ImmutableArray<string> targets) =>
        RoutingLevels.Build(OwnRouting.Of(index).Levels[0], [.. targets.Select(url => _levels.GetValueOrDefault(url))]);
}
