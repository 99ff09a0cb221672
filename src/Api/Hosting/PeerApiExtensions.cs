using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OrleansP2P.Api.Downloads;
using OrleansP2P.Api.Network;
using OrleansP2P.Api.PeerClient;
using OrleansP2P.Api.Search;
using OrleansP2P.Api.Security;
using OrleansP2P.Api.Transfer;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Hosting;

public static class PeerApiExtensions
{
    /// <summary>
    /// Everything a peer serves: REST (snake_case JSON, problem details, OpenAPI), gRPC and metrics. A gateway
    /// (<paramref name="hostsGrains"/> false) registers the same services but runs none of the silos' background work.
    /// </summary>
    public static IServiceCollection AddPeerApi(this IServiceCollection services, bool hostsGrains = true)
    {
        services.AddPeerServices(hostsGrains);
        services.AddPeerClient();
        services.AddPeerTransfers();
        services.AddPeerDownloads();
        services.AddSingleton<RoutingWaits>();
        services.AddSingleton<StrangerForwards>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PeerUptime>();
        services.AddSingleton<PeerHosts>();
        services.AddSingleton<PeerReadiness>();
        services.AddHostedService<PeerWarmup>(); // after the silo's, before the web host's: see PeerWarmup
        services.ConfigureHttpJsonOptions(o => P2PJson.Apply(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<ClusterUnavailableHandler>();
        services.AddPeerRateLimits();
        services.AddPeerCors();
        services.AddOpenApi();

        services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = FileTransferService.MaxReceiveMessageSize;
            o.Interceptors.Add<SignatureInterceptor>();
        });
        services.AddGrpcHealthChecks().AddCheck("peer", () => HealthCheckResult.Healthy());
        services.AddGrpcReflection();

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(P2PMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapPeerApi(this WebApplication app)
    {
        app.Services.GetRequiredService<PeerUptime>(); // starts the uptime clock with the host
        app.UseMiddleware<PortRoutingMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Services.GetRequiredService<IOptions<PeerOptions>>().Value.HostsGrains)
            app.UseMiddleware<ClusterGateMiddleware>();
        app.UseMiddleware<HostRuleMiddleware>();
        app.UseMiddleware<OriginRuleMiddleware>();
        app.UsePeerWebUi();
        app.UseCors();
        app.UseMiddleware<SignatureMiddleware>();
        app.UseRateLimiter();

        app.MapNetworkApi();
        app.MapRoutingApi();
        app.MapSearchApi();
        app.MapFileContentApi();
        app.MapContentApi();
        app.MapTransfersApi();
        app.MapDownloadsApi();
        app.MapPeerDashboard();
        app.MapOpenApi();
        app.MapPrometheusScrapingEndpoint();

        app.MapGrpcService<FileTransferService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
