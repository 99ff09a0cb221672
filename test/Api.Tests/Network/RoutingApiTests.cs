using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansP2P.Api.Network;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Routing;

namespace OrleansP2P.Api.Tests.Network;

public sealed class RoutingApiTests(FakeNeighboursPeerFixture peer) : IClassFixture<FakeNeighboursPeerFixture>
{
    [Fact]
    public async Task Routing_publishes_level_0_that_may_match_every_shared_name_and_health_names_its_version()
    {
        var body = await peer.GetJsonAsync("/routing");
        var routing = body.Deserialize<RoutingResponse>(P2PJson.Options);
        var levels = RoutingWire.FromResponse(routing);

        Assert.NotNull(levels);
        Assert.NotEmpty(levels.Levels);
        Assert.All(peer.Share.Listed.Keys, name => Assert.True(levels.Levels[0].MayMatch(NameFolding.Tokens(name)), name));
        Assert.False(levels.Levels[0].MayMatch(NameFolding.Tokens("zqxjvk")));
        Assert.Equal(levels.Version, routing!.Version);
        var health = await peer.GetJsonAsync("/health");
        Assert.Equal(routing.Version, health.GetProperty("routing").GetInt64());
    }

    [Fact]
    public async Task Routing_carries_its_version_as_a_strong_etag_and_answers_304_without_a_body_to_a_neighbour_holding_it()
    {
        using var first = await peer.Client.GetAsync("/routing");
        var etag = first.Headers.ETag;
        var version = (await first.Content.ReadFromJsonAsync<RoutingResponse>(P2PJson.Options))!.Version;

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/routing");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", $"\"1\", {etag}");
        using var again = await peer.Client.SendAsync(conditional);
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/routing");
        stale.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");
        using var changed = await peer.Client.SendAsync(stale);

        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal(RoutingWire.ETagOf(version), etag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Theory]
    [InlineData("other-hash", RoutingTable.Size, 1)]
    [InlineData(RoutingWire.HashName, 1024, 1)]
    [InlineData(RoutingWire.HashName, RoutingTable.Size, 0)]
    [InlineData(RoutingWire.HashName, RoutingTable.Size, RoutingLevels.Depth + 1)]
    public void A_table_from_another_peer_outside_the_format_is_no_table(string hash, int size, int levels)
    {
        var level = Convert.ToBase64String(new byte[RoutingTable.Bytes]);
        Assert.Null(RoutingWire.FromResponse(new RoutingResponse(1, hash, size, [.. Enumerable.Repeat(level, levels)])));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void A_level_of_the_wrong_length_or_not_base64_is_no_table(string level)
    {
        Assert.Null(RoutingWire.FromResponse(new RoutingResponse(1, RoutingWire.HashName, RoutingTable.Size, [level])));
        Assert.NotNull(RoutingWire.FromResponse(RoutingWire.ToResponse(RoutingLevels.Empty)));
    }
}
