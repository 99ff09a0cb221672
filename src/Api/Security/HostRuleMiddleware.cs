using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Security;

/// <summary>
/// DNS-rebinding defence: a request whose Host this peer does not answer to (<see cref="PeerHosts.Serves"/>) is 421,
/// so a page whose name was rebound to the peer's address cannot read or call it as its own origin. Two kinds of
/// request are not pages a browser can be rebound to and are left alone: the metrics port's (scrapers name each silo
/// as they like, e.g. <c>hub-a:9005</c>) and gRPC calls (HTTP/2, which a page on plain http cannot speak).
/// </summary>
public sealed partial class HostRuleMiddleware(RequestDelegate next, PeerHosts hosts, IOptions<PeerOptions> options, ILogger<HostRuleMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (hosts.Serves(request.Host, request.IsHttps) || IsExempt(context))
            return next(context);
        LogRefused(logger, request.Host.Value ?? "", request.Method, request.Path);
        return Refusal.WriteAsync(context, StatusCodes.Status421MisdirectedRequest, "Misdirected Request",
            $"this peer does not answer to the host '{request.Host.Value}': use its address, localhost, the host of its self_url, " +
            "or add the name to allowed_hosts");
    }

    private bool IsExempt(HttpContext context) =>
        context.Connection.LocalPort == options.Value.MetricsPort
        || context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request for host '{Host}': {Method} {Path}")]
    private static partial void LogRefused(ILogger logger, string host, string method, string path);
}
