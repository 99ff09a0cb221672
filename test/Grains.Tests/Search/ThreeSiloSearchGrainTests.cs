using Orleans.Runtime;
using Orleans.Runtime.GrainDirectory;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Tests.Infrastructure;

namespace OrleansP2P.Grains.Tests.Search;

/// <summary>
/// A peer backed by several silos keeps a search grain until after its deadline, so copies of its id that
/// arrive through other silos once it has answered reach that one activation and are not executed again.
/// Forwarded copies (<see cref="OrleansP2P.Grains.Search.SearchDispatcher"/>) on such a peer go to that grain too.
/// (Its own cluster: the execution counts here must not mix with <see cref="ThreeSiloPeerTests"/>'.)
/// </summary>
public sealed class ThreeSiloSearchGrainTests(ThreeSiloPeerFixture hub) : IClassFixture<ThreeSiloPeerFixture>
{
    [Fact]
    public async Task A_copy_arriving_through_another_silo_after_the_answer_reaches_the_same_activation_and_executes_nothing()
    {
        var queryId = Guid.NewGuid();
        var request = new SearchRequest(queryId, "report", 0, 1, ThreeSiloPeerFixture.SelfUrl, [], 30_000);
        int Executed() => hub.Silos.Sum(silo => ThreeSiloPeerFixture.SearchesOn(silo).Matches);
        var before = Executed();

        var first = await ThreeSiloPeerFixture.GrainsOf(hub.Silos[0]).GetGrain<ISearchGrain>(queryId).Execute(request);
        var late = new List<SearchOutcome>();
        foreach (var silo in hub.Silos.Skip(1))
            late.Add(await ThreeSiloPeerFixture.GrainsOf(silo).GetGrain<ISearchGrain>(queryId).Execute(request));

        Assert.Equal(1, first.PeersReached);
        Assert.All(late, outcome => Assert.Equal((0, 0), (outcome.PeersReached, outcome.Results.Length)));
        Assert.Equal(before + 1, Executed());
        var activations = await hub.Client.GetGrain<IManagementGrain>(0)
            .GetGrainActivationCount((GrainReference)hub.Client.GetGrain<ISearchGrain>(queryId));
        Assert.Equal(1, activations);
        // The copies found it through the directory: no silo caches a search grain's address.
        var grainId = hub.Client.GetGrain<ISearchGrain>(queryId).GetGrainId();
        Assert.All(hub.Silos, silo => Assert.False(ThreeSiloPeerFixture.DirectoryCacheOf(silo).LookUp(grainId, out _, out _)));
    }

    [Fact]
    public async Task On_a_peer_of_several_silos_forwarded_copies_go_to_the_one_search_grain_of_their_id()
    {
        var queryId = Guid.NewGuid();
        var request = new SearchRequest(queryId, "report", 0, 1, "http://127.0.0.1:7200", ["http://127.0.0.1:7200"], 30_000);
        int Executed() => hub.Silos.Sum(silo => ThreeSiloPeerFixture.SearchesOn(silo).Matches);
        var before = Executed();

        var outcomes = await Task.WhenAll(hub.Silos.Select(silo => ThreeSiloPeerFixture.DispatcherOf(silo).RunAsync(request)));

        Assert.Equal(1, outcomes.Sum(outcome => outcome.PeersReached));
        Assert.Equal(before + 1, Executed());
        var activations = await hub.Client.GetGrain<IManagementGrain>(0)
            .GetGrainActivationCount((GrainReference)hub.Client.GetGrain<ISearchGrain>(queryId));
        Assert.Equal(1, activations);
    }
}
