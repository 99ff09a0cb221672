using Microsoft.Extensions.DependencyInjection;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Persistence;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Grains.Tests.Infrastructure;

/// <summary>
/// What every test silo needs to host a PeerGrain: its storage, metrics, clock, membership client and search transport
/// (by default one no neighbour answers: nothing in the test may depend on a search hop).
/// </summary>
public static class PeerSiloSetup
{
    public static IServiceCollection AddPeerGrainBasics(this ISiloBuilder silo, INeighbourClient membership, IPeerSearchClient? searches = null) =>
        silo.AddMemoryGrainStorage(PeerStorage.Name)
            .Services
            .AddMetrics()
            .AddSingleton<P2PMetrics>()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(membership)
            .AddSingleton<NeighbourProbe>()
            .AddSingleton(searches ?? new StallingSearchClient())
            .AddSingleton<SearchHealth>()
            .AddSingleton<SearchProbe>();

    /// <summary>The search algorithm as the peer wires it, but for the hop input source and the transport, which tests choose.</summary>
    public static IServiceCollection AddPeerSearch(this IServiceCollection services) =>
        services
            .AddSingleton(sp => new SeenQueries(sp.GetRequiredService<TimeProvider>()))
            .AddSingleton<LocalPeerView>()
            .AddSingleton<PeerSilos>()
            .AddSingleton<SearchExecutor>()
            .AddSingleton<SearchDispatcher>();
}
