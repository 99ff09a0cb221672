using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Api.Network;
using OrleansP2P.Api.Transfer;
using OrleansP2P.Contracts;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Api.Search;

/// <summary>Distributed search: <c>GET /search</c> for clients, <c>POST /search/forward</c> between peers.</summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/search", Search).WithName("Search")
            .WithSummary("Searches this peer and every peer within ttl hops (query: substring, or * for everything).")
            .RequireRateLimiting(PeerRateLimits.Client)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        app.MapPost("/search/forward", Forward).WithName("SearchForward")
            .WithSummary("Peer-to-peer search hop: executes a query id at most once and forwards it while ttl allows.")
            .WithDescription("Body: {query_id, query, ttl, fanout, origin, path: [urls], deadline_ms}. ttl above 7, fanout above 16 " +
                "and deadline_ms above search_timeout_ms (or absent) are clamped to those bounds; negative values are 400. " +
                "A sender (the last URL of path) that is not a neighbour shares a tenth of peer_rate_limit_per_minute per address (429).")
            .RequireRateLimiting(PeerRateLimits.Peer)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public static async Task<Results<Ok<SearchResponseDto>, ProblemHttpResult>> Search(
        HttpRequest request, IGrainFactory grains, IOptions<PeerOptions> options, SearchResultCache cache, LocalPeerView view,
        SearchDispatcher dispatcher)
    {
        var o = options.Value;
        var q = request.Query;
        if (SearchLimits.CheckQuery(q["query"].Count == 1 ? q["query"][0] : null) is { } queryError)
            return JsonBody.Bad(queryError);
        if (!TryInt(q, "ttl", o.SearchTtl, 0, PeerOptions.MaxTtl, out var ttl, out var error)
            || !TryInt(q, "fanout", o.MaxFanout, 1, PeerOptions.MaxFanoutLimit, out var fanout, out error))
            return JsonBody.Bad(error);
        var useCache = true;
        if (q.TryGetValue("cache", out var cacheValue) && !bool.TryParse(cacheValue, out useCache))
            return JsonBody.Bad("'cache' must be true or false");

        var query = q["query"][0]!;
        var started = Stopwatch.GetTimestamp();
        var indexVersion = view.Current?.Index.Version ?? await grains.GetPeer(o.Name).GetIndexVersion();
        var hit = useCache ? cache.TryGet(query, ttl, fanout, indexVersion) : null;
        if (hit is null)
        {
            var id = Guid.NewGuid();
            var outcome = await dispatcher.RunAsync(new SearchRequest(id, query, ttl, fanout, PeerUrl.Canonicalize(o.SelfUrl), [], o.SearchTimeoutMs));
            hit = new SearchResultCache.Entry(id, outcome, indexVersion);
            cache.Put(query, ttl, fanout, hit);
        }
        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return TypedResults.Ok(new SearchResponseDto(query, hit.QueryId.ToString("D"), ttl, fanout, hit.Outcome.Complete,
            hit.Outcome.PeersReached, elapsedMs, [.. hit.Outcome.Results.Select(r => r.ToDto())], hit.Outcome.Truncated));
    }

    public static async Task<Results<Ok<ForwardResponseDto>, ProblemHttpResult>> Forward(
        HttpRequest request, SearchDispatcher dispatcher, StrangerForwards strangers, IOptions<PeerOptions> options, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync<ForwardRequestDto>(request);
        if (problem is not null)
            return problem;
        if (!SearchLimits.TryRead(body!, options.Value.SearchTimeoutMs, out var copy, out var error, time.GetUtcNow().ToUnixTimeMilliseconds()))
            return JsonBody.Bad(error);
        var address = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (await strangers.CheckAsync(copy.Path[^1], address, request.HttpContext.Response) is { } refused)
            return refused;

        var outcome = await dispatcher.RunAsync(copy);
        return TypedResults.Ok(new ForwardResponseDto(
            [.. outcome.Results.Select(r => r.ToDto())], outcome.Complete, outcome.PeersReached, outcome.Truncated));
    }

    private static bool TryInt(IQueryCollection q, string key, int fallback, int min, int max, out int value, out string error)
    {
        error = "";
        value = fallback;
        if (!q.TryGetValue(key, out var raw))
            return true;
        if (raw.Count != 1 || !int.TryParse(raw[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            error = $"'{key}' must be an integer from {min} to {max}";
            return false;
        }
        return true;
    }
}
