using Microsoft.Extensions.DependencyInjection;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Persistence;

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
            .AddSingleton(membership);
}
