using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace OrleansP2P.Api.Hosting;

/// <summary>
/// The peer's own runtime briefly unable to serve (a silo going down, a grain call timing out, a
/// message rejected while an activation moves) is a quick 503 with <c>Retry-After</c>, not a 500.
/// </summary>
public sealed class UnavailableExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (OrleansException or TimeoutException) || httpContext.Response.HasStarted)
            return false;
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Peer temporarily unavailable",
                Detail = "the peer could not serve this request just now; retry shortly",
            },
        });
    }
}
