using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Downloads;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Persistence;

namespace OrleansP2P.Grains.Tests.Infrastructure;

/// <summary>
/// One in-process Orleans cluster (a single silo) for every grain test. The silo gets what
/// <c>PeerGrain</c> takes from DI: <see cref="PeerOptions"/> (two friends, a small neighbour
/// limit) and <see cref="P2PMetrics"/>. Tests keep apart by using a fresh grain key each.
/// </summary>
public sealed class PeerClusterFixture() : TestClusterFixture(silos: 1)
{
    public const string SelfUrl = "http://127.0.0.1:7001";
    public const string FriendPrimary = "http://Friend-One.Example:8002/";
    public const string FriendSecondary = "HTTP://127.0.0.1:8003";
    public const int MaxNeighbors = 4;

    /// <summary>The friends in canonical form, in the (ordinal) order the grain lists neighbours.</summary>
    public static readonly IReadOnlyList<string> CanonicalFriends = ["http://127.0.0.1:8003", "http://friend-one.example:8002"];

    public const int HealthFailures = 2;

    /// <summary>What the silo's health polls reach (shared by every test: use URLs of your own).</summary>
    public FakeNeighbourClient Membership { get; } = new();

    /// <summary>What the silo's download grains run (shared: use contents of your own).</summary>
    public ScriptedDownloadRunner Downloads { get; } = new();

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>A peer grain no other test uses.</summary>
    public IPeerGrain NewPeer() => Grains.GetPeer($"peer-{Guid.NewGuid():N}");

    /// <summary>
    /// Writes what <paramref name="peer"/> remembers from a previous run, before anything activates it: what a restart
    /// finds in storage.
    /// </summary>
    public Task SeedStateAsync(IPeerGrain peer, PeerState remembered)
    {
        var storage = Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(PeerStorage.Name);
        return storage.WriteStateAsync("peer", peer.GetGrainId(), new GrainState<PeerState>(remembered));
    }

    protected override void ConfigureSilo(ISiloBuilder silo) => silo
        .AddPeerGrainBasics(Membership)
        .AddSingleton<IDownloadRunner>(Downloads)
        .Configure<PeerOptions>(o =>
        {
            o.Name = "grain-tests";
            o.SelfUrl = SelfUrl;
            o.FriendPrimary = FriendPrimary;
            o.FriendSecondary = FriendSecondary;
            o.MaxNeighbors = MaxNeighbors;
            o.HealthIntervalS = 1;
            o.HealthTimeoutMs = 200;
            o.HealthFailures = HealthFailures;
            o.TargetDegree = 0;
            o.MaxDownloads = 2;
        });
}

[CollectionDefinition(Name)]
public sealed class PeerClusterCollection : ICollectionFixture<PeerClusterFixture>
{
    public const string Name = "Peer cluster";
}
