using Microsoft.AspNetCore.Http.HttpResults;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Indexing;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// Content addressing (ARCHITECTURE.md, "Content addressing"): a shared file named by its SHA-256. <c>GET
/// /pieces/{sha256}</c> gives its piece leaves (kept by the indexer, never read again), <c>GET /content/{sha256}</c>
/// its bytes, served like <c>GET /files/{name}</c> (<see cref="SharedFileResult"/>). Both are bounded by
/// <see cref="PeerRateLimits.Content"/> (requests in flight per address), not by the per-minute budget: a swarm
/// makes many Range requests.
/// </summary>
public static class ContentApi
{
    public static IEndpointRouteBuilder MapContentApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/pieces/{sha256}", Pieces).WithName("ContentPieces")
            .WithSummary("The piece tree of a shared content: {sha256, size, piece_size, tree, pieces: [leaf hex, ...]}.")
            .WithDescription("404 when this peer shares no file with that SHA-256; 400 when {sha256} is not 64 hex digits.")
            .RequireRateLimiting(PeerRateLimits.Content)
            .Produces<PiecesResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        app.MapMethods("/content/{sha256}", [HttpMethods.Get, HttpMethods.Head], Content).WithName("Content")
            .WithSummary("The bytes of the shared file with that SHA-256: Range (one range may span many pieces), ETag = quoted SHA-256.")
            .WithDescription("Served at no more than upload_rate_limit bytes per second (all downloads together); at most " +
                $"{PeerRateLimits.ContentPerAddress} requests in flight per client address (429 with Retry-After beyond). HEAD answers the headers only.")
            .RequireRateLimiting(PeerRateLimits.Content)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status206PartialContent, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status416RangeNotSatisfiable)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public static Results<Ok<PiecesResponse>, ProblemHttpResult> Pieces(string sha256, FileIndexer indexer)
    {
        if (!Sha256Hex.IsValid(sha256))
            return BadHash();
        if (indexer.FindContent(sha256.ToLowerInvariant()) is not { } content)
            return TypedResults.Problem("this peer shares no file with that SHA-256", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        var (entry, pieces) = (content.Entry, content.Pieces);
        return TypedResults.Ok(new PiecesResponse(entry.Sha256, entry.Size, PieceTree.PieceSize, entry.Tree!, pieces));
    }

    public static IResult Content(string sha256, HttpContext context, SharedFiles files, TransferBoard board, UploadRateLimit limit)
    {
        if (!Sha256Hex.IsValid(sha256))
            return BadHash();
        var wanted = sha256.ToLowerInvariant();
        return new SharedFileResult(() => Task.FromResult(files.LocateContent(wanted)),
            board.Start("download", "http", FileContentApi.RemoteOf(context)), limit);
    }

    private static ProblemHttpResult BadHash() =>
        TypedResults.Problem("{sha256} must be a SHA-256: 64 hex digits", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
}
