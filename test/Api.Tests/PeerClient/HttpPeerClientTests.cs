using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansP2P.Api.PeerClient;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Routing;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Api.Tests.PeerClient;

/// <summary>What <see cref="HttpPeerClient"/> puts on the wire for a search hop, seen by a handler in place of the network.</summary>
public sealed class HttpPeerClientTests
{
    private static readonly SearchRequest Hop = new(Guid.Parse("0b7f6f1e-54a1-4c1f-9d43-5a0c2a3c9e11"), "report", 2, 3,
        "http://origin.example:8001", ["http://origin.example:8001", "http://middle.example:8002"], 1500);

    [Fact]
    public async Task A_forwarded_search_is_sent_as_json_with_a_content_length_not_chunked()
    {
        var wire = new RecordingHandler("""{"results":[],"complete":true,"peers_reached":1}""");
        var client = ClientOver(wire);

        await client.ForwardSearchAsync("http://next.example:8003", Hop, CancellationToken.None);

        var sent = Assert.Single(wire.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("http://next.example:8003/search/forward", sent.Uri);
        Assert.Equal(sent.Body.Length, sent.ContentLength);
        Assert.NotEqual(true, sent.Chunked);
        Assert.Equal("application/json; charset=utf-8", sent.ContentType);
        using var body = JsonDocument.Parse(sent.Body);
        var root = body.RootElement;
        Assert.Equal(Hop.QueryId.ToString("D"), root.GetProperty("query_id").GetString());
        Assert.Equal("report", root.GetProperty("query").GetString());
        Assert.Equal(2, root.GetProperty("ttl").GetInt32());
        Assert.Equal(3, root.GetProperty("fanout").GetInt32());
        Assert.Equal(1500, root.GetProperty("deadline_ms").GetInt32());
        Assert.Equal(Hop.Path, root.GetProperty("path").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public async Task The_answer_of_a_hop_becomes_its_outcome()
    {
        var wire = new RecordingHandler("""
            {"results":[{"peer":"next","url":"http://next.example:8003","grpc":"http://next.example:9003",
                         "files":[{"name":"report.pdf","size":12,"mtime":1,"checksum":"ABababababababababababababababababababababababababababababababab","extension":".pdf","type":"document",
                                   "rest_url":"http://next.example:8003/files/report.pdf","grpc":"http://next.example:9003"}]}],
             "complete":false,"peers_reached":3}
            """);
        var client = ClientOver(wire);

        var outcome = await client.ForwardSearchAsync("http://next.example:8003", Hop, CancellationToken.None);

        Assert.False(outcome.Complete);
        Assert.Equal(3, outcome.PeersReached);
        var hits = Assert.Single(outcome.Results);
        Assert.Equal("next", hits.Peer);
        Assert.Equal("http://next.example:8003", hits.Url);
        Assert.Equal("report.pdf", Assert.Single(hits.Files).Name);
    }

    [Fact]
    public async Task A_refused_hop_is_a_peer_call_failure_that_names_the_status()
    {
        var wire = new RecordingHandler("""{"title":"Bad request"}""", HttpStatusCode.BadRequest);
        var client = ClientOver(wire);

        var failure = await Assert.ThrowsAsync<PeerCallException>(() => client.ForwardSearchAsync("http://next.example:8003", Hop, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, failure.Status);
        Assert.Contains("400", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_routing_fetch_sends_the_held_version_and_reads_304_as_unchanged_and_a_table_as_its_answer()
    {
        var unchanged = new RecordingHandler("", HttpStatusCode.NotModified);
        var table = RoutingWire.ToResponse(RoutingLevels.Empty);
        var fresh = new RecordingHandler(JsonSerializer.Serialize(table, P2PJson.Options));

        var same = await ClientOver(unchanged).GetRoutingAsync("http://next.example:8003", "\"42\"", TimeSpan.FromSeconds(10), CancellationToken.None);
        var answer = await ClientOver(fresh).GetRoutingAsync("http://next.example:8003", etag: null, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Null(same);
        Assert.Equal("\"42\"", Assert.Single(unchanged.Requests).IfNoneMatch);
        Assert.Equal("wait=10", unchanged.Requests[0].Prefer); // holding a version: the peer may answer when it changes
        Assert.Equal("http://next.example:8003/routing", unchanged.Requests[0].Uri);
        Assert.Null(Assert.Single(fresh.Requests).IfNoneMatch);
        Assert.Null(fresh.Requests[0].Prefer); // nothing held: nothing to wait for
        Assert.Equal(table.Version, answer!.Version);
        Assert.Equal(table.Levels, answer.Levels);
    }

    [Fact]
    public async Task A_304_to_a_call_that_held_no_version_is_a_failure_not_an_unchanged_table()
    {
        var wire = new RecordingHandler("", HttpStatusCode.NotModified);

        var failure = await Assert.ThrowsAsync<PeerCallException>(() => ClientOver(wire).GetRoutingAsync("http://next.example:8003", null, TimeSpan.Zero, CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotModified, failure.Status);
    }

    private static HttpPeerClient ClientOver(HttpMessageHandler wire) =>
        new(new HttpClient(wire), Options.Create(new PeerOptions()));

    private sealed record SentRequest(HttpMethod Method, string Uri, long? ContentLength, bool? Chunked, string? ContentType, string Body, string? IfNoneMatch = null, string? Prefer = null);

    private sealed class RecordingHandler(string answer, HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
    {
        public List<SentRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // The length as the transport sees it before sending: reading the body first would buffer it and make one up.
            var length = request.Content?.Headers.ContentLength;
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new SentRequest(request.Method, request.RequestUri!.ToString(), length,
                request.Headers.TransferEncodingChunked, request.Content?.Headers.ContentType?.ToString(), body,
                request.Headers.TryGetValues("If-None-Match", out var tags) ? string.Join(", ", tags) : null,
                request.Headers.TryGetValues("Prefer", out var prefer) ? string.Join(", ", prefer) : null));
            return new HttpResponseMessage(status) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        }
    }
}
