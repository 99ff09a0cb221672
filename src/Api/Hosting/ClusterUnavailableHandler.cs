using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace OrleansP2P.Api.Hosting;

/// <summary>
/// A peer backed by several silos: while a dead silo is not yet declared dead, a grain call that reaches for it fails
/// (rejected, connection refused or timed out); a gateway whose silos are all down gets the same failures (no gateway
/// of the cluster answers). The caller gets a quick 503 with <c>Retry-After</c>, never a 500 or a hang; other exceptions
/// go on to the default handler.
/// </summary>
public sealed partial class ClusterUnavailableHandler(IProblemDetailsService problems, ILogger<ClusterUnavailableHandler> logger)
    : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// True for the failures of a cluster that cannot answer now (<see cref="SiloUnavailableException"/> is a
    /// rejection): it will again once a silo is back or the dead one is declared dead.
    /// </summary>
    public static bool IsUnavailable(Exception e) =>
        e.GetBaseException() is OrleansMessageRejectionException or ConnectionFailedException or TimeoutException
        || e is OrleansMessageRejectionException or ConnectionFailedException or TimeoutException;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception) || httpContext.Response.HasStarted)
            return false;
        LogUnavailable(logger, httpContext.Request.Path, exception.GetBaseException().GetType().Name);
        return await WriteAsync(httpContext, problems,
            "One of this peer's silos stopped, or none is up; the peer answers again once its cluster has recovered. Retry shortly.");
    }

    /// <summary>Answers 503 with <c>Retry-After</c> and a problem saying <paramref name="detail"/>.</summary>
    public static Task WriteAsync(HttpContext httpContext, string detail) =>
        WriteAsync(httpContext, httpContext.RequestServices.GetRequiredService<IProblemDetailsService>(), detail).AsTask();

    private static ValueTask<bool> WriteAsync(HttpContext httpContext, IProblemDetailsService problems, string detail)
    {
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The peer is briefly unavailable",
                Detail = detail,
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} answered 503: the peer's cluster is unavailable ({Reason})")]
    private static partial void LogUnavailable(ILogger logger, string path, string reason);
}
