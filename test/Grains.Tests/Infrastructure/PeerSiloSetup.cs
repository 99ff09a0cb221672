using Microsoft.Extensions.DependencyInjection;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Membership;
using OrleansP2P.Grains.Storage;

namespace OrleansP2P.Grains.Tests.Infrastructure;

/// <summary>What every test silo needs to host a PeerGrain: its storage, metrics, clock and membership client.</summary>
public static class PeerSiloSetup
{
    public static IServiceCollection AddPeerGrainBasics(this ISiloBuilder silo, IMembershipClient membership) =>
        silo.AddMemoryGrainStorage(PeerStorage.Name)
            .Services
            .AddMetrics()
            .AddSingleton<P2PMetrics>()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(membership);
}
