namespace OrleansP2P.Api.Hosting;

/// <summary>
/// A gateway that has not reached any silo yet answers every request but <c>/metrics</c> with 503 and
/// <c>Retry-After</c> (a gRPC client sees <c>UNAVAILABLE</c>): without a connection there is no peer to ask. Once
/// connected, a cluster that stops answering surfaces call by call through <see cref="ClusterUnavailableHandler"/>.
/// </summary>
public sealed class ClusterGateMiddleware(RequestDelegate next, ClusterConnection cluster)
{
    public Task InvokeAsync(HttpContext context) =>
        cluster.IsConnected || context.Request.Path.Equals(PortRoutingMiddleware.MetricsPath, StringComparison.Ordinal)
            ? next(context)
            : ClusterUnavailableHandler.WriteAsync(context, "the gateway has not reached any silo of this peer yet");
}
