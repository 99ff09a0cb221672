using Microsoft.Extensions.DependencyInjection;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Persistence;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Grains.Tests.Infrastructure;

/// <summary>What every test silo needs to host a PeerGrain: its storage, metrics, clock and membership client.</summary>
public static class PeerSiloSetup
{
    public static IServiceCollection AddPeerGrainBasics(this ISiloBuilder silo, INeighbourClient membership) =>
        silo.AddMemoryGrainStorage(PeerStorage.Name)
            .Services
            .AddMetrics()
            .AddSingleton<P2PMetrics>()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(membership)
            .AddSingleton<NeighbourProbe>();

    /// <summary>The search algorithm as the peer wires it, but for the hop input source and the transport, which tests choose.</summary>
    public static IServiceCollection AddPeerSearch(this IServiceCollection services) =>
        services
            .AddSingleton(sp => new SeenQueries(sp.GetRequiredService<TimeProvider>()))
            .AddSingleton<LocalPeerView>()
            .AddSingleton<PeerSilos>()
            .AddSingleton<SearchExecutor>()
            .AddSingleton<SearchDispatcher>();
}
