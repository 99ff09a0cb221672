using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Hosting;

/// <summary>
/// The metrics port serves <c>/metrics</c> and nothing else. Filters on the local port rather
/// than the Host header, so it holds behind proxies and in in-memory test servers alike.
/// </summary>
public sealed class PortRoutingMiddleware(RequestDelegate next, IOptions<PeerOptions> options)
{
    public const string MetricsPath = "/metrics";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Connection.LocalPort == options.Value.MetricsPort && !context.Request.Path.Equals(MetricsPath, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
