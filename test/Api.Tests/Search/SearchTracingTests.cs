using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using OpenTelemetry;
using OpenTelemetry.Trace;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Grains.Diagnostics;

namespace OrleansP2P.Api.Tests.Search;

/// <summary>
/// Four real peers in this process on real sockets, in a line; one in-memory exporter sees every peer's spans (activity
/// listeners are process-wide), so the trace of one search can be checked hop by hop.
/// </summary>
public sealed class SearchTracingTests : IAsyncLifetime
{
    private static readonly ActivitySource Client = new("OrleansP2P.Api.Tests");

    private readonly SpanLog _spans = [];
    private readonly List<KestrelPeer> _line = [];
    private TracerProvider? _tracer;

    public async Task InitializeAsync()
    {
        _tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource([.. PeerTracingExtensions.Sources, Client.Name])
            .AddInMemoryExporter(_spans)
            .Build();
        foreach (var number in Enumerable.Range(1, 4))
            _line.Add(await KestrelPeer.StartAsync($"traced-peer{number}"));
        for (var i = 1; i < _line.Count; i++)
            await _line[i - 1].ConnectAsync(_line[i]);
    }

    [Fact]
    public async Task A_ttl_3_search_over_a_line_of_four_peers_is_one_trace_with_a_search_span_on_each_peer_under_the_previous_peers_forward()
    {
        string queryId;
        ActivityTraceId traceId;
        using (var root = Client.StartActivity("client search"))
        {
            traceId = root!.TraceId;
            var answer = await _line[0].Http.GetFromJsonAsync<JsonElement>(new Uri("/search?query=*&ttl=3&fanout=3&cache=false", UriKind.Relative));
            Assert.Equal(4, answer.GetProperty("peers_reached").GetInt32());
            queryId = answer.GetProperty("query_id").GetString()!;
        }

        // Every span of the trace has ended once each one's parent is there too (a server span ends after its reply).
        var trace = await Poll.UntilAsync(() => Task.FromResult(TraceOf(traceId)), Closed, "every span of the search's trace");

        var searches = _spans.Snapshot().Where(s => s.OperationName == "search" && Tag(s, PeerTracing.QueryIdTag) == queryId).ToList();
        Assert.All(searches, s => Assert.Equal(traceId, s.TraceId)); // one trace: no peer started its own
        var byPeer = searches.ToDictionary(s => Tag(s, PeerTracing.PeerTag)!);
        Assert.Equal(_line.Select(p => p.Name).Order(), byPeer.Keys.Order());

        Assert.DoesNotContain(Ancestors(byPeer[_line[0].Name], trace), s => s.OperationName == "search.forward");
        for (var i = 1; i < _line.Count; i++)
        {
            var forward = Ancestors(byPeer[_line[i].Name], trace).First(s => s.OperationName == "search.forward");
            Assert.Equal(_line[i - 1].Name, Tag(forward, PeerTracing.PeerTag));
            Assert.Equal(_line[i].Url, Tag(forward, PeerTracing.TargetTag));
            Assert.Equal(byPeer[_line[i - 1].Name].SpanId, forward.ParentSpanId);
        }
    }

    private Dictionary<ActivitySpanId, Activity> TraceOf(ActivityTraceId traceId) =>
        _spans.Snapshot().Where(s => s.TraceId == traceId).ToDictionary(s => s.SpanId);

    /// <summary>Four search spans and no span whose parent is missing (only the root has none).</summary>
    private static bool Closed(Dictionary<ActivitySpanId, Activity> trace) =>
        trace.Values.Count(s => s.OperationName == "search") == 4
        && trace.Values.All(s => s.ParentSpanId == default || trace.ContainsKey(s.ParentSpanId));

    private static IEnumerable<Activity> Ancestors(Activity span, Dictionary<ActivitySpanId, Activity> trace)
    {
        for (var at = span; trace.TryGetValue(at.ParentSpanId, out var parent); at = parent)
            yield return parent;
    }

    private static string? Tag(Activity span, string key) => span.GetTagItem(key) as string;

    public async Task DisposeAsync()
    {
        foreach (var peer in _line)
            await peer.DisposeAsync();
        _tracer?.Dispose();
    }
}
