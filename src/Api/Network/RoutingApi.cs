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
/// so a neighbour that already holds it gets a 304 without a body. A neighbour that also sends <c>Prefer: wait=N</c>
/// (RFC 7240) is answered when the version changes, or with the 304 after N seconds (at most
/// <see cref="RoutingWaits.MaxWait"/>): one request per link per wait instead of a poll every few hundred milliseconds,
/// and a change travels on at once.
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
        HttpContext context, LocalPeerView view, IGrainFactory grains, IOptions<PeerOptions> options, RoutingWaits waits)
    {
        var levels = view.Current is { } local ? local.Routing : await OwnLevelsAsync(grains, options.Value.Name);
        if (levels is null)
            return TypedResults.Problem("no routing table yet: this peer has not finished reading its shared folder",
                statusCode: StatusCodes.Status404NotFound, title: "Not found");
        if (Holds(context.Request, levels) && RoutingWaits.Requested(context.Request.Headers["Prefer"]) is { } wait
            && view.Current is not null && waits.TryEnter())
        {
            // The asker holds this version and will wait: answer when it changes, or with a 304 after the wait.
            try
            {
                levels = await view.RoutingChangeAsync(levels.Version, wait, context.RequestAborted) ?? levels;
            }
            finally
            {
                waits.Exit();
            }
            context.Response.Headers["Preference-Applied"] = RoutingWaits.Format(wait);
        }
        context.Response.Headers.ETag = RoutingWire.ETagOf(levels.Version);
        return Holds(context.Request, levels)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(RoutingWire.ToResponse(levels));
    }

    /// <summary>Whether the request's <c>If-None-Match</c> names <paramref name="levels"/>' version.</summary>
    private static bool Holds(HttpRequest request, RoutingLevels levels)
    {
        var etag = RoutingWire.ETagOf(levels.Version);
        return request.Headers.IfNoneMatch.Any(value => value is not null && value.Split(',').Any(tag => tag.Trim() == etag));
    }

    /// <summary>The peer grain's levels, in a process without the grain (a gateway, another silo); null before the first scan.</summary>
    private static async Task<RoutingLevels?> OwnLevelsAsync(IGrainFactory grains, string peer) =>
        await grains.GetPeer(peer).GetRoutingLevels() is { IsEmpty: false } levels
            ? RoutingLevels.FromWire([.. levels.Select(level => RoutingTable.FromBytes(level)!)])
            : null;

    /// <summary>The version <c>/health</c> shows, when the peer grain lives on this silo (null otherwise).</summary>
    public static long? VersionOn(LocalPeerView view) => view.Current?.Routing?.Version;
}
