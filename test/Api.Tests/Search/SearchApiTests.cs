using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;

namespace OrleansP2P.Api.Tests.Search;

/// <summary><c>GET /search</c> and <c>POST /search/forward</c> on one peer: shapes, local hits, bounds.</summary>
public sealed class SearchApiTests(PeerFixture peer) : IClassFixture<PeerFixture>
{
    [Fact]
    public async Task A_ttl_0_search_answers_with_the_contract_shape_and_this_peers_own_hits()
    {
        var search = await peer.GetJsonAsync($"/search?query={Uri.EscapeDataString(SampleShare.Text)}&ttl=0&fanout=2");

        JsonAssert.HasExactly(search, "query", "query_id", "ttl", "fanout_used", "complete", "peers_reached", "elapsed_ms", "results", "truncated");
        Assert.False(search.GetProperty("truncated").GetBoolean());
        Assert.Equal(SampleShare.Text, search.GetProperty("query").GetString());
        Assert.True(Guid.TryParse(search.GetProperty("query_id").GetString(), out _));
        Assert.Equal(0, search.GetProperty("ttl").GetInt32());
        Assert.Equal(2, search.GetProperty("fanout_used").GetInt32());
        Assert.True(search.GetProperty("complete").GetBoolean());
        Assert.Equal(1, search.GetProperty("peers_reached").GetInt32());
        var hit = Assert.Single(search.GetProperty("results").EnumerateArray());
        JsonAssert.HasExactly(hit, "peer", "url", "grpc", "files");
        Assert.Equal(peer.Name, hit.GetProperty("peer").GetString());
        Assert.Equal(SampleShare.Text, Assert.Single(hit.GetProperty("files").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Every_reason_a_search_hop_is_dropped_for_is_published_from_the_start()
    {
        var metrics = await peer.GetMetricsAsync();

        Assert.All(P2PMetrics.DroppedReasons, reason => Assert.Matches($$"""p2p_dropped_total\{[^}]*reason="{{reason}}"[^}]*\} \d""", metrics));
        Assert.Contains("invalid", P2PMetrics.DroppedReasons);
    }

    [Fact]
    public async Task A_star_query_lists_every_shared_file()
    {
        var search = await peer.GetJsonAsync("/search?query=*&ttl=0");

        var names = search.GetProperty("results")[0].GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()!);
        Assert.Equal(peer.Share.Listed.Keys.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/search")]
    [InlineData("/search?query=")]
    [InlineData("/search?query=%20%20")]
    [InlineData("/search?query=a&ttl=8")]
    [InlineData("/search?query=a&ttl=-1")]
    [InlineData("/search?query=a&ttl=two")]
    [InlineData("/search?query=a&fanout=0")]
    [InlineData("/search?query=a&fanout=17")]
    [InlineData("/search?query=a&cache=maybe")]
    [InlineData("/search?query=a%00b")]
    public async Task Out_of_range_or_empty_search_parameters_are_a_400(string path)
    {
        await ProblemAssert.IsDetailedProblemAsync(await peer.Client.GetAsync(path), 400);
    }

    [Fact]
    public async Task A_query_longer_than_256_characters_is_a_400()
    {
        await ProblemAssert.IsDetailedProblemAsync(await peer.Client.GetAsync($"/search?query={new string('q', 257)}"), 400);
    }

    [Fact]
    public async Task A_forwarded_query_executes_once_and_a_repeat_of_its_id_answers_nothing()
    {
        var hop = new
        {
            query_id = Guid.NewGuid(), query = "*", ttl = 0, fanout = 3, origin = "http://127.0.0.1:1",
            path = new[] { "http://127.0.0.1:1" }, deadline_ms = 1000,
        };

        var first = await (await peer.Client.PostAsJsonAsync("/search/forward", hop)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var again = await (await peer.Client.PostAsJsonAsync("/search/forward", hop)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        JsonAssert.HasExactly(first, "results", "complete", "peers_reached", "truncated");
        Assert.False(first.GetProperty("truncated").GetBoolean());
        Assert.Equal(1, first.GetProperty("peers_reached").GetInt32());
        Assert.NotEmpty(first.GetProperty("results").EnumerateArray());
        Assert.Equal(0, again.GetProperty("peers_reached").GetInt32());
        Assert.Empty(again.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task Copies_of_one_query_id_racing_in_and_trickling_after_are_all_answered_and_executed_once()
    {
        var hop = new
        {
            query_id = Guid.NewGuid(), query = "*", ttl = 0, fanout = 3, origin = "http://127.0.0.1:1",
            path = new[] { "http://127.0.0.1:1" }, deadline_ms = 50,
        };
        async Task<int> SendAsync()
        {
            using var response = await peer.Client.PostAsJsonAsync("/search/forward", hop);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("peers_reached").GetInt32();
        }

        var racing = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => SendAsync()));
        var trickling = new List<int>();
        for (var i = 0; i < 40; i++)
            trickling.Add(await SendAsync());

        Assert.Equal(1, racing.Concat(trickling).Sum());
    }

    [Fact]
    public async Task On_a_peer_of_one_silo_a_forwarded_copy_runs_without_a_search_grain_and_still_executes_once()
    {
        var queryId = Guid.NewGuid();
        var hop = ForwardBody.Valid(queryId, "*");
        var grains = peer.Factory.Services.GetRequiredService<IGrainFactory>();

        var first = await (await peer.Client.PostAsync("/search/forward", ForwardBody.Content(hop))).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        // A search grain would linger 250 ms after answering; this copy never had one.
        var activations = await grains.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)grains.GetGrain<ISearchGrain>(queryId));
        var again = await (await peer.Client.PostAsync("/search/forward", ForwardBody.Content(hop))).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        Assert.Equal(0, activations);
        Assert.Equal(1, first.GetProperty("peers_reached").GetInt32());
        Assert.Equal(0, again.GetProperty("peers_reached").GetInt32());
        Assert.Empty(again.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task On_a_peer_of_one_silo_a_search_grain_a_client_started_is_collected_once_it_has_answered_and_a_later_copy_still_answers_nothing()
    {
        var grains = peer.Factory.Services.GetRequiredService<IGrainFactory>();
        var answer = await peer.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/search?query=*&ttl=0&cache=false");
        var queryId = Guid.Parse(answer.GetProperty("query_id").GetString()!);
        var search = (GrainReference)grains.GetGrain<ISearchGrain>(queryId);

        // Long before its deadline: nothing is left in flight, so nothing keeps the activation.
        await Poll.UntilAsync(() => grains.GetGrain<IManagementGrain>(0).GetGrainActivationCount(search), count => count == 0,
            TimeSpan.FromSeconds(10), "the search grain's activation count");
        var hop = ForwardBody.Valid(queryId, "*");
        var again = await (await peer.Client.PostAsync("/search/forward", ForwardBody.Content(hop))).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        Assert.Equal(1, answer.GetProperty("peers_reached").GetInt32());
        Assert.Equal(0, again.GetProperty("peers_reached").GetInt32());
        Assert.Empty(again.GetProperty("results").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"query_id":"nope","query":"a","ttl":0,"fanout":1,"origin":"http://a:1","path":["http://a:1"],"deadline_ms":100}""")]
    [InlineData("""{"query_id":"7d7f2c1e-8d1c-4a8e-9d55-0c7a3f0f9b10","query":"a","ttl":-1,"fanout":1,"origin":"http://a:1","path":["http://a:1"],"deadline_ms":100}""")]
    [InlineData("""{"query_id":"7d7f2c1e-8d1c-4a8e-9d55-0c7a3f0f9b10","query":"a","ttl":0,"fanout":1,"origin":"file:///etc","path":["http://a:1"],"deadline_ms":100}""")]
    [InlineData("""{"query_id":"7d7f2c1e-8d1c-4a8e-9d55-0c7a3f0f9b10","query":"a","ttl":0,"fanout":1,"origin":"http://a:1","path":[],"deadline_ms":100}""")]
    [InlineData("""{"query_id":"7d7f2c1e-8d1c-4a8e-9d55-0c7a3f0f9b10","query":"a","ttl":0,"fanout":1,"origin":"http://a:1","path":["http://a:1"],"deadline_ms":0}""")]
    [InlineData("""{"query_id":"7d7f2c1e-8d1c-4a8e-9d55-0c7a3f0f9b10","query":"a","ttl":0,"fanout":0,"origin":"http://a:1","path":["http://a:1"],"deadline_ms":100}""")]
    [InlineData("""{"query_id":"7d7f2c1e-8d1c-4a8e-9d55-0c7a3f0f9b10","query":"a","ttl":0,"fanout":1,"origin":"http://a:1","path":["http://a:1"],"deadline_ms":-5}""")]
    public async Task A_malformed_forward_is_a_400(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        await ProblemAssert.IsDetailedProblemAsync(await peer.Client.PostAsync("/search/forward", content), 400);
    }

    [Theory]
    [InlineData("ttl", 8)]
    [InlineData("fanout", 17)]
    [InlineData("deadline_ms", 600_000)]
    [InlineData("deadline_ms", null)]
    public async Task A_forward_above_this_peers_bounds_or_without_a_deadline_is_clamped_and_answered(string key, int? value)
    {
        var hop = ForwardBody.Valid(Guid.NewGuid(), "*");
        hop["path"] = new System.Text.Json.Nodes.JsonArray(ForwardBody.Sender, peer.FriendUrl); // its only neighbour is on the path
        if (value is { } v)
            hop[key] = v;
        else
            hop.Remove(key);

        using var response = await peer.Client.PostAsync("/search/forward", ForwardBody.Content(hop));
        var answer = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, answer.GetProperty("peers_reached").GetInt32());
        Assert.True(answer.GetProperty("complete").GetBoolean());
        Assert.NotEmpty(answer.GetProperty("results").EnumerateArray());
    }
}
