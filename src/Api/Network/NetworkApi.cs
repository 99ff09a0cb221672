using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Api.PeerClient;
using OrleansP2P.Api.Search;
using OrleansP2P.Api.Transfer;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Network;

/// <summary>The directory endpoints: health, files, peers, status and register.</summary>
public static class NetworkApi
{
    /// <summary>The protocol version in <c>/health</c>.</summary>
    public const int ProtocolVersion = 1;

    public static IEndpointRouteBuilder MapNetworkApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth).WithName("Health").WithSummary("Liveness of this peer (503 while it is still starting).")
            .RequireCors(PeerCors.PublicRead).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/files", GetFiles).WithName("Files").WithSummary("The files this peer shares, with SHA-256 checksums.")
            .RequireRateLimiting(PeerRateLimits.Client);
        app.MapGet("/peers", GetPeers).WithName("Peers").WithSummary("Known neighbours and their health.")
            .RequireRateLimiting(PeerRateLimits.Client).RequireCors(PeerCors.PublicRead);
        app.MapGet("/status", GetStatus).WithName("Status").WithSummary("Configuration (secrets redacted) and statistics.")
            .RequireRateLimiting(PeerRateLimits.Client);
        app.MapPost("/bootstrap", Bootstrap).WithName("Bootstrap")
            .WithSummary("Registers with the configured friends and remembered peers now (one attempt each).")
            .RequireRateLimiting(PeerRateLimits.Peer);
        app.MapPost("/register", Register).WithName("Register").WithSummary("Adds the caller's URL to the neighbour table.")
            .RequireRateLimiting(PeerRateLimits.Peer)
            .WithDescription("Body: {\"url\": \"http://host:port\"} (read as JSON whatever the Content-Type).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>
    /// <c>ok</c> once the peer is warm (<see cref="PeerWarmup"/>), 503 before; with the neighbours this peer forwards to
    /// and its <c>/routing</c> version when its grain lives on this silo. A gateway (<paramref name="cluster"/> set) asks
    /// the peer grain for both: ok only while a silo of its peer answers within <see cref="ClusterConnection.ProbeTimeout"/>,
    /// otherwise 503 with <c>Retry-After</c> (<see cref="ClusterUnavailableHandler"/>).
    /// </summary>
    public static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> GetHealth(
        IOptions<PeerOptions> options, PeerReadiness readiness, LocalPeerView view, IGrainFactory grains,
        [FromServices] ClusterConnection? cluster)
    {
        var name = options.Value.Name;
        if (!readiness.IsReady)
            return TypedResults.Problem("the peer is starting", statusCode: StatusCodes.Status503ServiceUnavailable);
        var advert = cluster is null
            ? new PeerAdvert(view.Current?.Advertised, RoutingApi.VersionOn(view))
            : await cluster.AskAsync(() => grains.GetPeer(name).GetAdvert().AsTask()); // a gateway: the grain answers, or 503
        return TypedResults.Ok(new HealthResponse("ok", name, ProtocolVersion, advert.Links?.ToDtos(), advert.RoutingVersion));
    }

    public static async Task<Ok<FilesResponse>> GetFiles(IGrainFactory grains, IOptions<PeerOptions> options)
    {
        var o = options.Value;
        var index = await grains.GetPeer(o.Name).GetIndex();
        return TypedResults.Ok(new FilesResponse(o.Name, o.SelfUrl.TrimEnd('/'), index.Files.ToDtos(o.SelfUrl.TrimEnd('/'), o.GrpcAddress)));
    }

    public static async Task<Ok<PeersResponse>> GetPeers(IGrainFactory grains, IOptions<PeerOptions> options)
    {
        var neighbours = await grains.GetPeer(options.Value.Name).GetNeighbours();
        var healthy = neighbours.Where(n => n.Healthy).Select(n => n.Url).ToList();
        return TypedResults.Ok(new PeersResponse(healthy, [.. neighbours.Select(n => n.ToDto())],
            new PeerStats(neighbours.Length, healthy.Count, neighbours.Length - healthy.Count)));
    }

    public static async Task<Ok<StatusResponse>> GetStatus(IGrainFactory grains, IOptions<PeerOptions> options, PeerUptime uptime, P2PMetrics metrics)
    {
        var o = options.Value;
        var peer = grains.GetPeer(o.Name);
        var index = await peer.GetIndex();
        var neighbours = await peer.GetNeighbours();
        var healthy = neighbours.Where(n => n.Healthy).Select(n => n.Url).ToList();
        var stats = new StatusStats(index.Files.Length, index.TotalBytes, index.Version, neighbours.Length, healthy.Count,
            metrics.SearchesExecuted, metrics.DuplicatesDropped, metrics.ForwardsDropped);
        return TypedResults.Ok(new StatusResponse(o.Name, o.SelfUrl.TrimEnd('/'), ConfigView.Of(o), stats, healthy,
            [.. neighbours.Select(n => n.ToDto())], Math.Round(uptime.Elapsed.TotalSeconds, 3)));
    }

    public static async Task<Ok<BootstrapResponse>> Bootstrap(
        BootstrapService bootstrap, IOptions<PeerOptions> options, CancellationToken cancellationToken)
    {
        var report = await bootstrap.RunOnceAsync(cancellationToken);
        return TypedResults.Ok(new BootstrapResponse(report.Failed.Count == 0 || report.Registered.Count > 0, options.Value.Name,
            report.Registered, report.Failed, report.KnownPeers));
    }

    public static async Task<Results<Ok<RegisterResponse>, ProblemHttpResult>> Register(
        HttpRequest request, IGrainFactory grains, IOptions<PeerOptions> options, PeerUrlGuard guard)
    {
        var (body, problem) = await JsonBody.ReadAsync<RegisterRequest>(request);
        if (problem is not null)
            return problem;
        if (string.IsNullOrWhiteSpace(body!.Url))
            return JsonBody.Bad("'url' is required: the http(s) URL of the registering peer");

        try
        {
            await guard.CheckUrlAsync(body.Url, request.HttpContext.RequestAborted);
        }
        catch (PeerRefusedException e)
        {
            return JsonBody.Bad($"cannot register '{Truncate(body.Url)}': {e.Message}");
        }
        var result = await grains.GetPeer(options.Value.Name).Register(body.Url);
        return result.Accepted
            ? TypedResults.Ok(new RegisterResponse(true, result.Peers))
            : JsonBody.Bad($"cannot register '{Truncate(body.Url)}': {result.Error}");
    }

    private static string Truncate(string value) => value.Length <= 120 ? value : value[..120] + "…";
}
