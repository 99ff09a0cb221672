using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OrleansP2P.Grains.Diagnostics;

namespace OrleansP2P.Api.Hosting;

/// <summary>
/// Traces exported over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (config or environment; the
/// other <c>OTEL_EXPORTER_OTLP_*</c> variables apply as usual), off otherwise: no tracer provider, so no span is made and
/// nothing is exported. A trace follows a search across peers: the peer's own spans (<see cref="PeerTracing"/>), the
/// ASP.NET Core request spans and the HttpClient spans, linked by the W3C <c>traceparent</c> header every peer call
/// carries. Each peer is its own service (<c>service.name</c> = the peer's name).
/// </summary>
public static class PeerTracingExtensions
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The activity sources a peer's traces are made of.</summary>
    public static readonly IReadOnlyList<string> Sources = [PeerTracing.SourceName, "Microsoft.AspNetCore", "System.Net.Http"];

    public static bool IsEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[EndpointKey]);

    public static IServiceCollection AddPeerTracing(this IServiceCollection services, IConfiguration configuration, string peerName)
    {
        if (!IsEnabled(configuration))
            return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(peerName))
            .WithTracing(tracing => tracing.AddSource([.. Sources]).AddOtlpExporter());
        return services;
    }
}
