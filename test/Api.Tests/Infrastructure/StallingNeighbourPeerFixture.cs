using Microsoft.Extensions.DependencyInjection;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeNeighboursPeerFixture"/> whose search hops go to <see cref="Searches"/> (no neighbour answers one
/// until told to), with no friend, no discovery, short search deadlines and a health check every second.
/// </summary>
public sealed class StallingNeighbourPeerFixture : FakeNeighboursPeerFixture
{
    public StallingSearchClient Searches { get; } = new();

    protected override IReadOnlyDictionary<string, object> ConfigOverrides { get; } = new Dictionary<string, object>
    {
        ["friend_primary"] = "",
        ["target_degree"] = 0,
        ["search_timeout_ms"] = 300,
        ["health_interval_s"] = 1,
        ["health_timeout_ms"] = 200,
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<IPeerSearchClient>(Searches);
    }
}
