using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Api.Search;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// A shared file's bytes over plain HTTP (what <c>rest_url</c> in <c>/files</c> points to): <c>GET</c> streams it with
/// <c>Range</c> and <c>ETag</c> support, <c>POST</c> streams an upload through <see cref="UploadStore"/> under the
/// same rules as the gRPC <c>Upload</c>. Both show on the transfers board and in the transfer metrics.
/// </summary>
public static class FileContentApi
{
    public const string Sha256Header = "X-Content-SHA256";

    private const int WriteSize = 64 * 1024;

    public static IEndpointRouteBuilder MapFileContentApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/files/{name}", [HttpMethods.Get, HttpMethods.Head], Download).WithName("FileContent")
            .WithSummary("A shared file's bytes: Range requests, ETag = quoted SHA-256, If-None-Match, Content-Disposition.")
            .WithDescription("Served at no more than upload_rate_limit bytes per second (all downloads together). HEAD answers the headers only.")
            .RequireRateLimiting(Hosting.PeerRateLimits.Client)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status206PartialContent, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status416RangeNotSatisfiable)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/files/{name}", Upload).WithName("UploadFile")
            .WithSummary("Streams the request body into shared_dir as {name} (part file, size cap, atomic rename).")
            .WithDescription($"Optional header {Sha256Header}: the body's SHA-256 (hex); a mismatch is 400 and nothing is kept. " +
                "?overwrite=true replaces a different file of that name (409 otherwise). 201 with {name, size, sha256}.")
            .RequireRateLimiting(Hosting.PeerRateLimits.Client)
            .Produces<UploadedFile>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage);
        return app;
    }

    public static IResult Download(string name, HttpContext context, SharedFiles files, TransferBoard board, UploadRateLimit limit)
    {
        var resolved = FileRouteName.Of(context, name);
        return new SharedFileResult(() => files.LocateAsync(resolved), board.Start("download", "http", RemoteOf(context)), limit);
    }

    public static async Task<IResult> Upload(string name, bool? overwrite, HttpContext context, UploadStore uploads, TransferBoard board)
    {
        var request = context.Request;
        var meter = board.Start("upload", "http", RemoteOf(context));
        var requested = FileRouteName.Of(context, name);
        meter.ShowUploadName(requested);
        meter.Size = request.ContentLength;
        try
        {
            return await meter.RunAsync(async m =>
            {
                var sha256 = request.Headers[Sha256Header].ToString() is { Length: > 0 } h ? h.Trim() : null;
                var ct = context.RequestAborted;
                var announced = new UploadRequest(requested, request.ContentLength, sha256, overwrite ?? false);
                await using var session = await uploads.BeginAsync(announced, context.Connection.RemoteIpAddress, ct);
                // Accepted: the cap is now max_upload_bytes, enforced by the session, not Kestrel's default 30 MB. (A refusal
                // above keeps the default, so Kestrel never drains a huge refused body before closing the connection.)
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                    limit.MaxRequestBodySize = null;
                using var idle = new UploadIdleTimer(uploads.IdleTimeout, ct);
                var reader = request.BodyReader;
                var chunk = new byte[WriteSize]; // the body arrives in 4 KiB segments: stored in writes of up to 64 KiB
                while (true)
                {
                    var result = await idle.ReadAsync(token => ReadBodyAsync(reader, token));
                    for (var rest = result.Buffer; !rest.IsEmpty; rest = rest.Slice(Math.Min(rest.Length, WriteSize)))
                    {
                        var length = (int)Math.Min(rest.Length, WriteSize);
                        rest.Slice(0, length).CopyTo(chunk);
                        await session.WriteAsync(chunk.AsMemory(0, length), ct);
                    }
                    reader.AdvanceTo(result.Buffer.End);
                    m.Bytes = session.ReceivedBytes;
                    if (result.IsCompleted)
                        break;
                }
                var hash = await session.CommitAsync(ct);
                IResult created = TypedResults.Created($"/files/{Uri.EscapeDataString(session.Request.Name)}",
                    new UploadedFile(session.Request.Name, session.ReceivedBytes, hash));
                return created;
            });
        }
        catch (TransferException e)
        {
            if (e.Error is TransferError.TooManyUploads) // a slot held by an idle upload is free within upload_idle_timeout_s
                context.Response.Headers.RetryAfter = ((int)uploads.IdleTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return TransferProblems.ToProblem(e);
        }
    }

    /// <summary>
    /// One read of the request body that <paramref name="cancel"/> breaks off with <c>CancelPendingRead</c>, not by
    /// cancelling Kestrel's read: a read cancelled by its token leaves HTTP/1.1's body reader "reading", and Kestrel then
    /// logs a failure when it drains the rest of the body after the 408.
    /// </summary>
    private static async ValueTask<ReadResult> ReadBodyAsync(PipeReader reader, CancellationToken cancel)
    {
        await using var registration = cancel.Register(static r => ((PipeReader)r!).CancelPendingRead(), reader);
        var result = await reader.ReadAsync(CancellationToken.None);
        if (!result.IsCanceled)
            return result;
        reader.AdvanceTo(result.Buffer.Start);
        throw new OperationCanceledException(cancel);
    }

    /// <summary>The stored file, as <c>POST /files/{name}</c> answers.</summary>
    public sealed record UploadedFile(string Name, long Size, string Sha256);

    internal static string RemoteOf(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip ? $"{ip}:{context.Connection.RemotePort}" : "";
}
