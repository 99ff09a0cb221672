using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using OrleansP2P.Api.Network;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Routing;

namespace OrleansP2P.Api.Tests.Network;

/// <summary>
/// <c>GET /routing</c> with <c>If-None-Match</c> and <c>Prefer: wait=N</c> (RFC 7240): held until the table changes, or
/// a 304 after the wait. A class of its own: it changes the peer's shared folder.
/// </summary>
public sealed class RoutingWaitTests(FakeNeighboursPeerFixture peer) : IClassFixture<FakeNeighboursPeerFixture>
{
    private RoutingWaits Waits => peer.Factory.Services.GetRequiredService<RoutingWaits>();

    [Fact]
    public async Task A_neighbour_holding_the_version_and_willing_to_wait_is_answered_with_the_new_table_when_it_changes()
    {
        using var first = await peer.Client.GetAsync("/routing");
        var before = (await first.Content.ReadFromJsonAsync<RoutingResponse>(P2PJson.Options))!;
        const string added = "Wish_You_Were_Here.flac";

        var held = peer.Client.SendAsync(Conditional(first.Headers.ETag!.Tag, "wait=30"));
        await Poll.UntilAsync(() => Task.FromResult(Waits.Waiting), waiting => waiting == 1, "the request held by the peer");
        Assert.False(held.IsCompleted);
        await File.WriteAllTextAsync(Path.Combine(peer.Share.SharedDir, added), "so you think you can tell\n");
        using var answer = await held;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var after = RoutingWire.FromResponse(await answer.Content.ReadFromJsonAsync<RoutingResponse>(P2PJson.Options));
        Assert.NotNull(after);
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal(RoutingWire.ETagOf(after.Version), answer.Headers.ETag?.Tag);
        Assert.True(after.Levels[0].MayMatch(NameFolding.Tokens("were here")));
        Assert.Equal("wait=30", string.Join(",", answer.Headers.GetValues("Preference-Applied")));
        Assert.Equal(0, Waits.Waiting);
    }

    [Fact]
    public async Task A_held_request_whose_table_does_not_change_gets_a_304_after_the_wait_and_one_without_prefer_at_once()
    {
        using var first = await peer.Client.GetAsync("/routing");
        var etag = first.Headers.ETag!.Tag;

        using var waited = await peer.Client.SendAsync(Conditional(etag, "wait=1"));
        using var plain = await peer.Client.SendAsync(Conditional(etag, prefer: null));

        Assert.Equal(HttpStatusCode.NotModified, waited.StatusCode);
        Assert.Equal("wait=1", string.Join(",", waited.Headers.GetValues("Preference-Applied")));
        Assert.Equal(HttpStatusCode.NotModified, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Preference-Applied"));
    }

    [Fact]
    public async Task A_request_for_a_version_the_peer_does_not_hold_is_answered_at_once_whatever_it_prefers()
    {
        using var answer = await peer.Client.SendAsync(Conditional("\"1\"", "wait=30"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Preference-Applied"));
    }

    [Theory]
    [InlineData("wait=10", 10)]
    [InlineData("respond-async, wait=5", 5)]
    [InlineData("wait=5; foo=bar", 5)]
    [InlineData("Wait = 7", 7)]
    [InlineData("wait=100000", 30)]
    [InlineData("wait=0", null)]
    [InlineData("wait=-1", null)]
    [InlineData("wait=1e3", null)]
    [InlineData("wait=", null)]
    [InlineData("wait", null)]
    [InlineData("return=minimal", null)]
    [InlineData("", null)]
    public void Prefer_wait_is_read_in_whole_seconds_up_to_the_maximum(string prefer, int? seconds)
    {
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, RoutingWaits.Requested(new StringValues(prefer)));
        Assert.Equal(RoutingWaits.MaxWait, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void At_most_MaxWaiting_requests_are_held_at_once()
    {
        var waits = new RoutingWaits();

        var entered = Enumerable.Range(0, RoutingWaits.MaxWaiting + 1).Count(_ => waits.TryEnter());
        waits.Exit();

        Assert.Equal(RoutingWaits.MaxWaiting, entered);
        Assert.Equal(RoutingWaits.MaxWaiting - 1, waits.Waiting);
        Assert.True(waits.TryEnter());
        Assert.False(waits.TryEnter());
    }

    private static HttpRequestMessage Conditional(string etag, string? prefer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/routing");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        if (prefer is not null)
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        return request;
    }
}
