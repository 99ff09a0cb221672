using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Hosting;

/// <summary>
/// Each port serves its own part of the peer: the metrics port <c>/metrics</c> and nothing else, the gRPC port gRPC
/// methods (file transfer, health, reflection) and nothing else, so neither the REST API nor the web UI answers there
/// (not even over h2c with prior knowledge); anything else is 404. Filters on the local port rather than the Host
/// header, so it holds behind proxies; in-memory test servers have no ports (0) and see everything.
/// </summary>
public sealed class PortRoutingMiddleware(RequestDelegate next, IOptions<PeerOptions> options)
{
    public const string MetricsPath = "/metrics";

    public Task InvokeAsync(HttpContext context)
    {
        var port = context.Connection.LocalPort;
        var refused = port == options.Value.MetricsPort
            ? !context.Request.Path.Equals(MetricsPath, StringComparison.Ordinal)
            : port == options.Value.GrpcPort && context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is null;
        if (refused)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
