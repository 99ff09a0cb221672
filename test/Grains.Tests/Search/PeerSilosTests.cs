using System.Collections.Immutable;
using System.Net;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Grains.Tests.Search;

/// <summary>Which forwarded copies skip the search grain: only those on a peer that is one silo by construction and now.</summary>
public sealed class PeerSilosTests
{
    [Theory]
    [InlineData("localhost", new[] { SiloStatus.Active }, true)]
    [InlineData("localhost", new[] { SiloStatus.Active, SiloStatus.Dead, SiloStatus.Joining }, true)]
    [InlineData("localhost", new[] { SiloStatus.Active, SiloStatus.Active }, false)]
    [InlineData("redis", new[] { SiloStatus.Active }, false)]
    [InlineData("redis", new[] { SiloStatus.Active, SiloStatus.Active }, false)]
    public void Only_a_localhost_clustered_peer_of_one_active_silo_runs_forwarded_copies_inline(string clustering, SiloStatus[] silos, bool inline)
    {
        var peer = new PeerSilos(Microsoft.Extensions.Options.Options.Create(new PeerOptions { Clustering = clustering }), new Members(silos));
        Assert.Equal(inline, peer.RunForwardedCopiesInline);
    }

    [Fact]
    public void A_gateway_hosts_no_silo_and_sends_every_copy_to_a_grain()
    {
        var gateway = new PeerSilos(Microsoft.Extensions.Options.Options.Create(new PeerOptions { Clustering = "localhost" }));

        Assert.False(gateway.IsSole);
        Assert.False(gateway.RunForwardedCopiesInline);
    }

    private sealed class Members(SiloStatus[] silos) : IClusterMembershipService
    {
        public ClusterMembershipSnapshot CurrentSnapshot { get; } = new(
            silos.Select((status, i) => new ClusterMember(SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111 + i), 1), status, $"silo{i}"))
                .ToImmutableDictionary(member => member.SiloAddress),
            new MembershipVersion(1));

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => throw new NotSupportedException();
    }
}
