using System.Runtime.CompilerServices;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Routing;

/// <summary>
/// The routing levels a peer publishes for its own index, worked out once per index snapshot. Until neighbours'
/// tables are exchanged only level 0 (this peer's own names) is published, so a reader never takes what lies beyond
/// for "nothing there".
/// </summary>
public static class OwnRouting
{
    private static readonly ConditionalWeakTable<FileIndexSnapshot, RoutingLevels> Levels = new();

    public static RoutingLevels Of(FileIndexSnapshot index) =>
        Levels.GetValue(index, i => RoutingLevels.FromWire([RoutingTable.Of(i.Files.Select(f => f.Name))])!);
}
