using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Neighbours;

using OrleansP2P.Grains.Tests.Infrastructure;

namespace OrleansP2P.Grains.Tests.Neighbours;

/// <summary>A peer backed by several silos: one peer grain serves them all, and a search can run on any of them.</summary>
public sealed class ThreeSiloPeerTests(ThreeSiloPeerFixture hub) : IClassFixture<ThreeSiloPeerFixture>
{
    private static readonly FileEntry HubFile = new("hub-report.txt", 42, 1_700_000_000, new string('a', 64), ".txt");

    [Fact]
    public async Task One_peer_grain_activation_serves_every_silo_and_every_search_finds_its_files()
    {
        Assert.Equal(3, hub.Silos.Count);
        await ThreeSiloPeerFixture.GrainsOf(hub.Silos[0]).GetPeer(ThreeSiloPeerFixture.PeerName).UpdateIndex([HubFile]);

        // A registration made through each silo lands in the same neighbour table.
        var registered = hub.Silos.Select((_, i) => $"http://10.0.0.{i + 1}:8001").ToList();
        foreach (var (url, i) in registered.Select((url, i) => (url, i)))
            hub.Membership.SetAlive(url, $"neighbour-{i + 1}"); // a URL is admitted once it answers /health as a peer
        foreach (var (silo, url) in hub.Silos.Zip(registered))
            Assert.True((await ThreeSiloPeerFixture.GrainsOf(silo).GetPeer(ThreeSiloPeerFixture.PeerName).Register(url)).Accepted);
        foreach (var silo in hub.Silos)
        {
            var table = await ThreeSiloPeerFixture.GrainsOf(silo).GetPeer(ThreeSiloPeerFixture.PeerName).GetNeighbours();
            Assert.Equal(registered, table.Select(n => n.Url).Order());
        }

        // A search started from each silo executes there and sees the one index.
        foreach (var silo in hub.Silos)
        {
            var queryId = Guid.NewGuid();
            var outcome = await ThreeSiloPeerFixture.GrainsOf(silo).GetGrain<ISearchGrain>(queryId)
                .Execute(new SearchRequest(queryId, "report", 0, 1, ThreeSiloPeerFixture.SelfUrl, [], 2000));
            var hits = Assert.Single(outcome.Results);
            Assert.Equal(ThreeSiloPeerFixture.PeerName, hits.Peer);
            Assert.Equal(HubFile.Name, Assert.Single(hits.Files).Name);
        }
        Assert.Equal([1, 1, 1], hub.Silos.Select(silo => ThreeSiloPeerFixture.SearchesOn(silo).Matches));

        // Only the silo hosting the grain has a local view (the others asked the grain), and it is up to date.
        var views = hub.Silos.Select(silo => silo.ServiceProvider.GetRequiredService<LocalPeerView>().Current).ToList();
        var local = Assert.Single(views, v => v is not null)!;
        Assert.Equal(HubFile, Assert.Single(local.Index.Files));
        Assert.Equal(registered, local.SearchTargets.Order());

        var activations = await hub.Client.GetGrain<IManagementGrain>(0)
            .GetGrainActivationCount((GrainReference)hub.Client.GetPeer(ThreeSiloPeerFixture.PeerName));
        Assert.Equal(1, activations);
    }
}
