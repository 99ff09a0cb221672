using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Hosting;

/// <summary>
/// The Orleans Dashboard (Microsoft.Orleans.Dashboard) at <c>/dashboard</c> on the REST port, only when the config
/// says <c>"dashboard": true</c>. Off by default: it has no authentication and shows the peer's grains and silos.
/// </summary>
public static class PeerDashboard
{
    public const string Path = "/dashboard";

    public static ISiloBuilder AddPeerDashboard(this ISiloBuilder silo, PeerOptions options) =>
        options.Dashboard ? silo.AddDashboard() : silo;

    /// <summary>Maps the dashboard where the silo is (a gateway has none; a <c>silo</c> maps it, but serves only <c>/metrics</c>).</summary>
    public static WebApplication MapPeerDashboard(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<PeerOptions>>().Value is { Dashboard: true, HostsGrains: true })
            app.MapOrleansDashboard(routePrefix: Path);
        return app;
    }
}
