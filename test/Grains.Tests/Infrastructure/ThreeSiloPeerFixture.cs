using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.GrainDirectory;
using Orleans.TestingHost;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Grains.Tests.Infrastructure;

/// <summary>
/// One peer ("hub") backed by three silos of one cluster, wired as the real peer wires them: the
/// search node reads the peer grain. Each silo counts the searches it executed.
/// </summary>
public sealed class ThreeSiloPeerFixture() : TestClusterFixture(silos: 3)
{
    public const string PeerName = "hub";
    public const string SelfUrl = "http://127.0.0.1:7100";

    public IReadOnlyList<InProcessSiloHandle> Silos => Cluster.Silos;

    /// <summary>The other peers as the hub's health checks see them (every silo shares this one).</summary>
    public FakeNeighbourClient Membership { get; } = new();

    public IGrainFactory Client => Cluster.Client;

    /// <summary>The grain factory of one silo: calls made through it start on that silo.</summary>
    public static IGrainFactory GrainsOf(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<IGrainFactory>();

    public static IGrainDirectoryCache DirectoryCacheOf(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<IGrainDirectoryCache>();

    /// <summary>How <c>POST /search/forward</c> on that silo runs a copy.</summary>
    public static SearchDispatcher DispatcherOf(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<SearchDispatcher>();

    public static CountingHopInputSource SearchesOn(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<CountingHopInputSource>();

    protected override void ConfigureSilo(ISiloBuilder silo) => silo
        .UseSearchDirectoryCache()
        .AddPeerGrainBasics(Membership, new NoNeighbours())
        .AddPeerSearch()
        .AddSingleton<PeerHopInputSource>()
        .AddSingleton(sp => new CountingHopInputSource(sp.GetRequiredService<PeerHopInputSource>()))
        .AddSingleton<IHopInputSource>(sp => sp.GetRequiredService<CountingHopInputSource>())
        .Configure<PeerOptions>(o =>
        {
            o.Name = PeerName;
            o.SelfUrl = SelfUrl;
            o.GrpcPort = 7101;
            o.HealthIntervalS = 60;
            o.TargetDegree = 0;
        });

    /// <summary>The peer's real search node, counting the searches executed on this silo.</summary>
    public sealed class CountingHopInputSource(IHopInputSource inner) : IHopInputSource
    {
        private int _matches;

        public int Matches => Volatile.Read(ref _matches);

        public PeerIdentity Identity => inner.Identity;

        public ValueTask<HopInput> GetHopInputAsync(string query, bool execute, int ttl)
        {
            if (execute)
                Interlocked.Increment(ref _matches);
            return inner.GetHopInputAsync(query, execute, ttl);
        }
    }

    /// <summary>The hub has no neighbours in these tests: a forward would be a bug.</summary>
    private sealed class NoNeighbours : IPeerSearchClient
    {
        public Task<SearchOutcome> ForwardSearchAsync(string peerUrl, SearchRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"unexpected forward to {peerUrl}");
    }
}
