using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Routing;

namespace OrleansP2P.Api.Network;

/// <summary>
/// <c>GET /routing</c>: what this peer's names can match, as <see cref="RoutingLevels"/> on the wire (see
/// docs/architecture.md, "Routing tables").
/// </summary>
public static class RoutingApi
{
    /// <summary>Names the trigram hash of <see cref="Trigrams"/> on the wire.</summary>
    public const string HashName = "fnv1a32-utf16le-trigram";

    public static IEndpointRouteBuilder MapRoutingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/routing", GetRouting).WithName("Routing")
            .WithSummary("What this peer's file names can match: hashed trigram tables, level 0 = its own names.")
            .RequireRateLimiting(PeerRateLimits.Peer);
        return app;
    }

    public static async Task<Ok<RoutingResponse>> GetRouting(LocalPeerView view, IGrainFactory grains, IOptions<PeerOptions> options)
    {
        var index = view.Current?.Index ?? await grains.GetPeer(options.Value.Name).GetIndex();
        return TypedResults.Ok(ToResponse(OwnRouting.Of(index)));
    }

    /// <summary>The version <c>/health</c> shows, when the peer grain lives on this silo (null otherwise).</summary>
    public static long? VersionOn(LocalPeerView view) => view.Current is { } current ? OwnRouting.Of(current.Index).Version : null;

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
