using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// Serves one shared file over HTTP, for <c>GET /files/{name}</c> and <c>GET /content/{sha256}</c> alike: the
/// framework's physical-file result does <c>Range</c> (one or several pieces per request), <c>If-None-Match</c> and
/// <c>If-Range</c>, with <c>ETag</c> = the quoted SHA-256; <see cref="PacedResponseBody"/> keeps it to
/// <c>upload_rate_limit</c> and counts it. The transfer shows on the board and in the transfer metrics.
/// </summary>
internal sealed class SharedFileResult(Func<Task<LocatedFile>> locate, TransferMeter meter, UploadRateLimit limit) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        try
        {
            await meter.RunAsync(async m =>
            {
                var (entry, path) = await locate();
                (m.Name, m.Size) = (entry.Name, entry.Size);
                // A shared .html must never run in this peer's origin: download it, sandboxed if opened anyway.
                context.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                var file = TypedResults.PhysicalFile(path, FileMapping.ContentTypeOf(entry.Name), fileDownloadName: entry.Name,
                    lastModified: DateTimeOffset.FromUnixTimeSeconds(entry.MtimeUnix),
                    entityTag: new EntityTagHeaderValue($"\"{entry.Sha256}\""), enableRangeProcessing: true);
                var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
                context.Features.Set<IHttpResponseBodyFeature>(
                    new PacedResponseBody(body, limit, m, HttpMethods.IsHead(context.Request.Method)));
                try
                {
                    await file.ExecuteAsync(context);
                }
                catch (FileNotFoundException) when (!context.Response.HasStarted)
                {
                    throw new TransferException(TransferError.NotFound, $"'{entry.Name}' vanished since it was indexed");
                }
                finally
                {
                    context.Features.Set(body);
                }
                if (context.RequestAborted.IsCancellationRequested)
                    throw new TransferException(TransferError.DataLoss, "the client went away mid-download");
                return 0;
            });
        }
        catch (TransferException e) when (!context.Response.HasStarted)
        {
            await TransferProblems.ToProblem(e).ExecuteAsync(context);
        }
        catch (TransferException)
        {
            // Cut mid-body: recorded as failed; nothing more can be sent.
        }
    }
}
