using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Grains.Routing;

/// <summary><see cref="RoutingLevels"/> as <c>GET /routing</c> carries them (docs/architecture.md, "Routing tables").</summary>
public static class RoutingWire
{
    /// <summary>Names the trigram hash of <see cref="Trigrams"/> on the wire.</summary>
    public const string HashName = "fnv1a32-utf16le-trigram";

    /// <summary>The most bytes a <c>/routing</c> answer may have: four base64 levels and a little JSON.</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    /// <summary>The strong ETag of a version: what <c>If-None-Match</c> sends back.</summary>
    public static string ETagOf(long version) => $"\"{version}\"";

    public static RoutingResponse ToResponse(RoutingLevels levels) =>
        new(levels.Version, HashName, RoutingTable.Size, [.. levels.Levels.Select(l => Convert.ToBase64String(l.AsSpan()))]);

    /// <summary>Levels from another peer's answer; null when its hash, size, level count or a level's length is not ours.</summary>
    public static RoutingLevels? FromResponse(RoutingResponse? response)
    {
        if (response is not { Hash: HashName, Size: RoutingTable.Size, Levels: { } wire } || wire.Count is 0 or > RoutingLevels.Depth)
            return null;
        var tables = new List<RoutingTable>(wire.Count);
        foreach (var level in wire)
        {
            var bytes = new byte[RoutingTable.Bytes];
            if (level is null || !Convert.TryFromBase64String(level, bytes, out var written) || written != RoutingTable.Bytes)
                return null;
            tables.Add(RoutingTable.FromBytes(bytes)!);
        }
        return RoutingLevels.FromWire(tables);
    }
}
