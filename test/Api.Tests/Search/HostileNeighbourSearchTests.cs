using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansP2P.Api.PeerClient;

namespace OrleansP2P.Api.Tests.Search;

/// <summary>
/// <c>GET /search</c> on a real peer whose two neighbours are <see cref="RoguePeer"/>s: whatever one answers, the
/// search is a 200 within its deadline, keeps the peer's own and the honest neighbour's hits, and holds at most
/// <c>search_max_results</c> files.
/// </summary>
public sealed class HostileNeighbourSearchTests(RogueNeighboursFixture peer) : IClassFixture<RogueNeighboursFixture>, IAsyncLifetime
{
    private const int HonestFiles = 2;

    /// <summary>Every search through a rogue ends within its 1 s deadline; far below this guard.</summary>
    private const double ElapsedGuardMs = 5000;

    public static TheoryData<string> NastyAnswers => new(Nasty.Keys);

    /// <summary>Answers that make a hop fail, built when used (one is 17 MiB).</summary>
    private static readonly Dictionary<string, Func<RogueAnswer>> Nasty = new(StringComparer.Ordinal)
    {
        ["null results"] = () => RogueAnswers.Json("""{"results":null,"complete":true,"peers_reached":1}"""),
        ["null peer entry"] = () => RogueAnswers.Json("""{"results":[null],"complete":true,"peers_reached":1}"""),
        ["wrong types"] = () => RogueAnswers.Json("""{"results":"many","complete":"yes","peers_reached":[1]}"""),
        ["not json"] = () => RogueAnswers.Json("<html>hello</html>", "text/html"),
        ["json under a wrong content type"] = () => RogueAnswers.Json("""{"results":[],"complete":true,"peers_reached":1}""", "text/plain"),
        ["truncated json"] = () => RogueAnswers.Json("""{"results":[{"peer":"x","url":"http://127.0.0.1:1","files":[{"na"""),
        ["a 500"] = () => RogueAnswers.Json("""{"title":"boom"}""", status: 500),
        ["a path as url"] = () => RogueAnswers.Json("""{"results":[{"peer":"x","url":"http://127.0.0.1:1/../admin","files":[]}],"complete":true,"peers_reached":1}"""),
        ["a file name with a slash"] = () => RogueAnswers.Json(RogueAnswers.ForwardWithFiles("x", "http://127.0.0.1:1", 1).Replace("rogue-0.txt", "../../etc/passwd", StringComparison.Ordinal)),
        ["a negative size"] = () => RogueAnswers.Json(RogueAnswers.ForwardWithFiles("x", "http://127.0.0.1:1", 2).Replace("\"size\":1", "\"size\":-1", StringComparison.Ordinal)),
        ["a 17 MiB body"] = () => RogueAnswers.Json($$"""{"results":[],"complete":true,"peers_reached":1,"pad":"{{new string('x', 17 << 20)}}"}"""),
        ["silence"] = () => RogueAnswers.Silence,
        ["a slow drip"] = () => RogueAnswers.Drip("""{"results":[],"complete":true,"peers_reached":1}""", TimeSpan.FromMilliseconds(100)),
    };

    public async Task InitializeAsync()
    {
        await peer.ResetRoguesAsync();
        peer.First.Forward = RogueAnswers.Json(RogueAnswers.ForwardWithFiles(peer.First.Name, peer.First.Url, HonestFiles, "honest"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_neighbour_listing_a_file_without_url_or_name_leaves_the_search_a_200_with_the_honest_hits_and_complete_false()
    {
        peer.Second.Forward = RogueAnswers.Json("""{"results":[{"files":[{}]}],"complete":true,"peers_reached":1}""");

        var search = await SearchAsync();

        Assert.False(search.GetProperty("complete").GetBoolean());
        Assert.Equal(HonestFiles + peer.Share.Listed.Count, Files(search).Count);
        Assert.Equal([peer.Name, peer.First.Name], Peers(search).Order(StringComparer.Ordinal));
        Assert.Single(peer.Second.ForwardBodies, body => QueryIdOf(body) == search.GetProperty("query_id").GetString());
    }

    [Fact]
    public async Task Two_neighbours_answering_int_max_peers_reached_leave_the_search_a_200_with_a_bounded_count()
    {
        peer.First.Forward = peer.Second.Forward = RogueAnswers.Json($$"""{"results":[],"complete":true,"peers_reached":{{int.MaxValue}}}""");

        var search = await SearchAsync();

        Assert.True(search.GetProperty("complete").GetBoolean());
        Assert.Equal(1 + (2 * ForwardAnswers.MaxPeersReached), search.GetProperty("peers_reached").GetInt32()); // each claim clamped
        Assert.Equal(peer.Share.Listed.Count, Files(search).Count);
    }

    [Fact]
    public async Task A_neighbour_answering_more_files_than_search_max_results_is_cut_to_that_many_and_the_answer_says_truncated()
    {
        peer.Second.Forward = RogueAnswers.Json(RogueAnswers.ForwardWithFiles(peer.Second.Name, peer.Second.Url, 3 * RogueNeighboursFixture.MaxResults));

        var search = await SearchAsync();

        Assert.True(search.GetProperty("truncated").GetBoolean());
        Assert.True(search.GetProperty("complete").GetBoolean());
        var files = Files(search);
        Assert.Equal(RogueNeighboursFixture.MaxResults, files.Count);
        Assert.Subset(files.ToHashSet(), peer.Share.Listed.Keys.ToHashSet()); // own hits first
    }

    [Fact]
    public async Task A_neighbour_answering_a_million_entries_leaves_the_search_a_200_within_search_max_results()
    {
        var entries = string.Join(',', Enumerable.Repeat("{}", 1_000_000));
        peer.Second.Forward = RogueAnswers.Json($$"""{"results":[{"peer":"x","url":"{{peer.Second.Url}}","files":[{{entries}}]}],"complete":true,"peers_reached":1}""");

        var search = await SearchAsync();

        Assert.False(search.GetProperty("complete").GetBoolean());
        Assert.Equal([peer.Name, peer.First.Name], Peers(search).Order(StringComparer.Ordinal));
        Assert.InRange(Files(search).Count, 0, RogueNeighboursFixture.MaxResults);
    }

    [Theory]
    [MemberData(nameof(NastyAnswers))]
    public async Task A_nasty_answer_never_makes_the_search_a_5xx_and_only_that_neighbour_is_lost(string nasty)
    {
        peer.Second.Forward = Nasty[nasty]();

        var search = await SearchAsync();

        Assert.False(search.GetProperty("complete").GetBoolean());
        Assert.Equal([peer.Name, peer.First.Name], Peers(search).Order(StringComparer.Ordinal));
        Assert.NotEmpty(peer.Second.ForwardBodies);
    }

    [Fact]
    public async Task A_neighbour_answering_outside_the_contract_is_counted_as_dropped_invalid_not_as_an_error()
    {
        using var dropped = new CounterRecorder("p2p.dropped", "reason");
        peer.Second.Forward = RogueAnswers.Json("""{"results":[{"files":[{}]}],"complete":true,"peers_reached":1}""");

        await SearchAsync();

        Assert.Equal((1, 0), (dropped["invalid"], dropped["error"]));
        Assert.Matches(@"p2p_dropped_total\{[^}]*reason=""invalid""[^}]*\} [1-9]", await peer.GetMetricsAsync());
    }

    [Fact]
    public async Task The_forward_a_rogue_receives_is_the_contract_hop_one_ttl_down_with_this_peer_on_the_path()
    {
        var search = await SearchAsync();

        using var hop = JsonDocument.Parse(Assert.Single(peer.Second.ForwardBodies, body => QueryIdOf(body) == search.GetProperty("query_id").GetString()));
        Assert.Equal(search.GetProperty("query_id").GetString(), hop.RootElement.GetProperty("query_id").GetString());
        Assert.Equal(0, hop.RootElement.GetProperty("ttl").GetInt32());
        Assert.Equal([peer.SelfUrl], hop.RootElement.GetProperty("path").EnumerateArray().Select(p => p.GetString()!));
    }

    /// <summary>Searches <c>*</c>; expects a 200 within the guard and returns the body.</summary>
    private async Task<JsonElement> SearchAsync()
    {
        var before = peer.Second.ForwardBodies.Count;
        using var response = await peer.SearchAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var search = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.InRange(search.GetProperty("elapsed_ms").GetDouble(), 0, ElapsedGuardMs);
        // The rogue was asked once for this search (a ttl-0 probe of a new neighbour may arrive beside it).
        var queryId = search.GetProperty("query_id").GetString();
        Assert.Single(peer.Second.ForwardBodies.Skip(before), body => QueryIdOf(body) == queryId);
        return search;
    }

    private static string? QueryIdOf(string body)
    {
        using var hop = JsonDocument.Parse(body);
        return hop.RootElement.TryGetProperty("query_id", out var id) ? id.GetString() : null;
    }

    private static List<string> Files(JsonElement search) =>
        [.. search.GetProperty("results").EnumerateArray().SelectMany(r => r.GetProperty("files").EnumerateArray()).Select(f => f.GetProperty("name").GetString()!)];

    private static List<string> Peers(JsonElement search) =>
        [.. search.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("peer").GetString()!)];
}
