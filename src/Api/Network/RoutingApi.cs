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
/// <c>GET /routing</c>: what this peer's names can match, and what can be matched through it up to three hops away, as
/// <see cref="RoutingLevels"/> on the wire (see docs/architecture.md, "Routing tables"). Its version is the strong ETag,
/// so a neighbour that already holds it gets a 304 without a body.
/// </summary>
public static class RoutingApi
{
    public static IEndpointRouteBuilder MapRoutingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/routing", GetRouting).WithName("Routing")
            .WithSummary("What can be matched at and through this peer: hashed trigram tables, level k = k hops away (0: its own names).")
            .RequireRateLimiting(PeerRateLimits.Peer);
        return app;
    }

    public static async Task<Results<Ok<RoutingResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetRouting(
        HttpContext context, LocalPeerView view, IGrainFactory grains, IOptions<PeerOptions> options)
    {
        var levels = view.Current is { } local ? local.Routing : await OwnLevelsAsync(grains, options.Value.Name);
        if (levels is null)
            return TypedResults.Problem("no routing table yet: this peer has not finished reading its shared folder",
                statusCode: StatusCodes.Status404NotFound, title: "Not found");
        var etag = RoutingWire.ETagOf(levels.Version);
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Any(value => value is not null && value.Split(',').Any(tag => tag.Trim() == etag)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(RoutingWire.ToResponse(levels));
    }

    /// <summary>The peer grain's levels, in a process without the grain (a gateway, another silo); null before the first scan.</summary>
    private static async Task<RoutingLevels?> OwnLevelsAsync(IGrainFactory grains, string peer) =>
        await grains.GetPeer(peer).GetRoutingLevels() is { IsEmpty: false } levels
            ? RoutingLevels.FromWire([.. levels.Select(level => RoutingTable.FromBytes(level)!)])
            : null;

    /// <summary>The version <c>/health</c> shows, when the peer grain lives on this silo (null otherwise).</summary>
    public static long? VersionOn(LocalPeerView view) => view.Current?.Routing?.Version;
}
