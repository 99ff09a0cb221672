using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Downloads;

/// <summary>
/// <c>/downloads</c>: the downloads this peer runs for its owner (docs/architecture.md, "Downloads run by the peer").
/// Posting and deleting change state, so the Origin/Host rules and signing apply to them as to every such call.
/// </summary>
public static class DownloadsApi
{
    public static IEndpointRouteBuilder MapDownloadsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/downloads", Post).WithName("PostDownload")
            .WithSummary("Has this peer download a magnet link's content into its shared folder (202; 200 when the link is already known).")
            .WithDescription("Body {\"link\":\"magnet:?xt=urn:sha256:…&x.tree=…\"}; a malformed link or an unsafe dn is 400. " +
                "At most max_downloads run at once; the rest wait queued, started in posting order.")
            .RequireRateLimiting(PeerRateLimits.Client);
        app.MapGet("/downloads", List).WithName("Downloads")
            .WithSummary("Downloads run by this peer, in posting order, with progress, holders and bad pieces.")
            .RequireRateLimiting(PeerRateLimits.Client);
        app.MapDelete("/downloads/{id}", Delete).WithName("DeleteDownload")
            .WithSummary("Cancels an unfinished download (its part file is removed) or removes a finished one from the list (its file stays).")
            .RequireRateLimiting(PeerRateLimits.Client);
        return app;
    }

    public static async Task<Results<Accepted<DownloadDto>, Ok<DownloadDto>, ProblemHttpResult>> Post(
        HttpRequest request, IGrainFactory grains, FileIndexer indexer, IOptions<PeerOptions> options)
    {
        var (body, problem) = await JsonBody.ReadAsync<DownloadPostRequest>(request, MagnetLink.MaxLength + 1024);
        if (problem is not null)
            return problem;
        if (!MagnetLink.TryParse(body!.Link, out var link, out var why))
            return JsonBody.Bad($"'link' is not a usable magnet link: {why}");
        var order = new DownloadOrder(link.ToString(), link.Sha256, link.Tree, link.Size, link.Name ?? link.Sha256);
        var posted = await grains.GetDownloads(options.Value.Name).Post(order, alreadyShared: indexer.FindContent(link.Sha256) is not null);
        var dto = ToDto(posted.Job);
        return posted.Created ? TypedResults.Accepted($"/downloads/{dto.Id}", dto) : TypedResults.Ok(dto);
    }

    public static async Task<Ok<DownloadsResponse>> List(IGrainFactory grains, IOptions<PeerOptions> options) =>
        TypedResults.Ok(new DownloadsResponse([.. (await grains.GetDownloads(options.Value.Name).List()).Select(ToDto)]));

    public static async Task<Results<Ok<DownloadDto>, ProblemHttpResult>> Delete(string id, IGrainFactory grains, IOptions<PeerOptions> options)
    {
        if (!Sha256Hex.IsValid(id))
            return JsonBody.Bad("a download's id is its content's SHA-256: 64 hex digits");
        return await grains.GetDownloads(options.Value.Name).Delete(id.ToLowerInvariant()) is { } info
            ? TypedResults.Ok(ToDto(info))
            : TypedResults.Problem($"no download {id}", statusCode: StatusCodes.Status404NotFound, title: "Not found");
    }

    private static DownloadDto ToDto(DownloadInfo info) =>
        new(info.Id, info.Name, info.Id, info.Size, info.BytesVerified, info.State,
            [.. info.Sources.Select(s => new DownloadSourceDto(s.Url, s.Bytes, s.BadPieces))], Math.Round(info.BytesPerSecond), info.Error);
}
