using Microsoft.Extensions.DependencyInjection;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Grains.Tests.Infrastructure;

/// <summary>
/// One peer (one silo, no friends, no discovery) wired as the real peer wires its searches, whose neighbours answer
/// <c>/health</c> (<see cref="Membership"/>) but no search until told to (<see cref="Searches"/>). <c>health_failures</c>
/// keeps its default (3); polls and probes run every second.
/// </summary>
public sealed class StallingNeighbourFixture() : TestClusterFixture(silos: 1)
{
    public const string PeerName = "stall-hub";
    public const string SelfUrl = "http://127.0.0.1:7200";

    /// <summary>The deadline each test search gets: small, so a neighbour that never answers costs little.</summary>
    public const int DeadlineMs = 300;

    public FakeNeighbourClient Membership { get; } = new();

    public StallingSearchClient Searches { get; } = new();

    public IPeerGrain Peer => Cluster.Client.GetPeer(PeerName);

    /// <summary>A client's search at this peer with ttl 2 (so its forwards carry ttl 1; a ttl-0 forward is a probe).</summary>
    public Task<SearchOutcome> SearchAsync()
    {
        var queryId = Guid.NewGuid();
        return Cluster.Client.GetGrain<ISearchGrain>(queryId).Execute(new SearchRequest(queryId, "report", 2, 3, SelfUrl, [], DeadlineMs));
    }

    /// <summary>A URL no other test uses, answering <c>/health</c> as a peer named <paramref name="name"/>.</summary>
    public string NewNeighbour(string name)
    {
        var url = $"http://n{Guid.NewGuid():N}.test:80";
        Membership.SetAlive(url, name);
        return url;
    }

    protected override void ConfigureSilo(ISiloBuilder silo) => silo
        .AddPeerGrainBasics(Membership, Searches)
        .AddPeerSearch()
        .AddSingleton<IHopInputSource, PeerHopInputSource>()
        .Configure<PeerOptions>(o =>
        {
            o.Name = PeerName;
            o.SelfUrl = SelfUrl;
            o.GrpcPort = 7201;
            o.HealthIntervalS = 1;
            o.HealthTimeoutMs = 200;
            o.TargetDegree = 0;
        });
}
