using Orleans.Configuration;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Grains;
using OrleansP2P.Grains.Options;
using StackExchange.Redis;

namespace OrleansP2P.Silo;

/// <summary>
/// <c>role: gateway</c>: the process is an Orleans client of its peer's silos (same service and cluster id, found in
/// the Redis membership table) instead of a silo. Its client connects in the background (<see cref="ClusterConnection"/>),
/// so the gateway listens, answering 503 with <c>Retry-After</c>, before any silo is up, and refreshes its list of silo
/// gateways every <see cref="GatewayListRefresh"/> so that a silo that (re)starts is used within seconds.
/// </summary>
public static class GatewayHosting
{
    public static readonly TimeSpan GatewayListRefresh = TimeSpan.FromSeconds(2);

    /// <summary>How long the client tries to connect to a silo before it counts as down (Orleans' default: 5 s).</summary>
    public static readonly TimeSpan OpenConnectionTimeout = TimeSpan.FromSeconds(2);

    public static WebApplicationBuilder UsePeerGateway(this WebApplicationBuilder builder, PeerOptions options)
    {
        var before = builder.Services.Where(IsHostedService).ToHashSet();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (PeerHosting.ServiceId, options.Name));
            client.UseRedisClustering(redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(options.Redis));
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefresh);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = PeerHosting.ResponseTimeout(options));
            // A silo that died takes its address with it (a container's IP): connecting there fails only when the
            // attempt times out, and every request waits for it. On one network a connection takes milliseconds.
            client.Configure<ConnectionOptions>(o => o.OpenConnectionTimeout = OpenConnectionTimeout);
            client.UseConnectionRetryFilter<ClusterRetryFilter>();
            PeerEnvironmentStatistics.ReplaceOrleansProvider(client.Services);
        });
        // The client's own hosted service would hold the web host back until a silo answers: ClusterConnection starts it.
        foreach (var added in builder.Services.Where(IsHostedService).Except(before).ToList())
            builder.Services.Remove(added);
        // Orleans says "no gateway found" at every attempt while no silo is up; ClusterRetryFilter says it now and then.
        builder.Logging.AddFilter("Orleans.Messaging.GatewayManager", LogLevel.Error);
        builder.Services.AddSingleton<ClusterConnection>();
        builder.Services.AddSingleton<IClusterClientConnection>(sp => sp.GetRequiredService<ClusterConnection>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterConnection>());
        return builder;
    }

    private static bool IsHostedService(ServiceDescriptor descriptor) => descriptor.ServiceType == typeof(IHostedService);
}
