using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansP2P.Api.Tests.Network;

/// <summary>
/// The directory endpoints' shapes, exactly as ARCHITECTURE.md's REST contract gives them. Registered URLs answer
/// <c>/health</c> through a fake (a URL is admitted only once it answers as a peer).
/// </summary>
public sealed class NetworkApiTests(FakeNeighboursPeerFixture peer) : IClassFixture<FakeNeighboursPeerFixture>
{
    [Fact]
    public async Task Health_answers_ok_with_the_peer_name_protocol_version_1_and_its_links()
    {
        var health = await peer.GetJsonAsync("/health");

        JsonAssert.HasExactly(health, "status", "peer", "version", "links", "routing");
        Assert.All(health.GetProperty("links").EnumerateArray(), link => JsonAssert.HasExactly(link, "url", "mutual"));
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(peer.Name, health.GetProperty("peer").GetString());
        Assert.Equal(1, health.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Health_links_list_a_registered_neighbour_not_mutual_while_its_own_links_do_not_list_this_peer()
    {
        const string url = "http://peer-l.example:7000";
        peer.Membership.SetAlive(url, "peer-l");
        await RegisterAsync(url);

        var links = (await peer.GetJsonAsync("/health")).GetProperty("links").EnumerateArray()
            .ToDictionary(l => l.GetProperty("url").GetString()!, l => l.GetProperty("mutual").GetBoolean());

        Assert.False(links[url]);
    }

    [Fact]
    public async Task Files_names_the_peer_and_its_self_url_as_base()
    {
        var files = await peer.GetJsonAsync("/files");

        JsonAssert.HasExactly(files, "peer", "base", "files");
        Assert.Equal(peer.Name, files.GetProperty("peer").GetString());
        Assert.Equal(peer.SelfUrl, files.GetProperty("base").GetString());
    }

    [Fact]
    public async Task Files_lists_exactly_the_regular_files_at_the_top_of_the_shared_folder()
    {
        var files = await peer.GetJsonAsync("/files");

        var names = files.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()!);
        Assert.Equal(peer.Share.Listed.Keys.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Files_never_lists_dotfiles_part_files_subfolders_or_symlinks()
    {
        var json = JsonSerializer.Serialize(await peer.GetJsonAsync("/files"));

        foreach (var name in SampleShare.Unlisted.Append("inner.txt").Append(Path.GetFileName(peer.Share.OutsideFile)))
            Assert.DoesNotContain($"\"{name}\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SampleShare.Text, ".txt", "text/plain")]
    [InlineData(SampleShare.Binary, ".bin", "application/octet-stream")]
    [InlineData(SampleShare.Empty, ".dat", "application/octet-stream")]
    [InlineData(SampleShare.SpacedName, ".txt", "text/plain")]
    public async Task Files_describes_each_file_by_size_mtime_sha256_extension_type_addresses_and_piece_tree(
        string name, string extension, string type)
    {
        var file = await peer.FindListedFileAsync(name) ?? throw new InvalidOperationException($"{name} is not listed");
        var content = peer.Share.Listed[name];
        var mtime = new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Join(peer.Share.SharedDir, name))).ToUnixTimeSeconds();

        JsonAssert.HasExactly(file, "name", "size", "mtime", "checksum", "extension", "type", "rest_url", "grpc", "piece_size", "tree");
        Assert.Equal(content.Length, file.GetProperty("size").GetInt64());
        Assert.Equal(mtime, file.GetProperty("mtime").GetInt64());
        Assert.Equal(SampleShare.Sha256Hex(content), file.GetProperty("checksum").GetString());
        Assert.Equal(extension, file.GetProperty("extension").GetString());
        Assert.Equal(type, file.GetProperty("type").GetString());
        Assert.Equal($"{peer.SelfUrl}/files/{Uri.EscapeDataString(name)}", file.GetProperty("rest_url").GetString());
        Assert.Equal($"127.0.0.1:{peer.GrpcPort}", file.GetProperty("grpc").GetString());
        Assert.Equal(1_048_576, file.GetProperty("piece_size").GetInt32());
        Assert.Equal(SampleShare.PieceTreeRoot(content), file.GetProperty("tree").GetString());
    }

    [Fact]
    public async Task Peers_lists_a_configured_friend_as_an_unhealthy_neighbour_never_seen()
    {
        var peers = await peer.GetJsonAsync("/peers");

        JsonAssert.HasExactly(peers, "peers", "all_peers", "stats");
        Assert.Equal(JsonValueKind.Object, peers.GetProperty("stats").ValueKind);
        var friend = Assert.Single(peers.GetProperty("all_peers").EnumerateArray(), p => p.GetProperty("url").GetString() == peer.FriendUrl);
        JsonAssert.HasExactly(friend, "url", "name", "healthy", "last_seen", "failures");
        Assert.False(friend.GetProperty("healthy").GetBoolean());
        Assert.Equal(JsonValueKind.Null, friend.GetProperty("last_seen").ValueKind);
        Assert.True(friend.GetProperty("failures").GetInt32() >= 0);
        Assert.DoesNotContain(peer.FriendUrl, JsonAssert.Strings(peers.GetProperty("peers")));
    }

    [Fact]
    public async Task Peers_never_lists_the_peer_itself()
    {
        var peers = await peer.GetJsonAsync("/peers");

        Assert.DoesNotContain(peer.SelfUrl, JsonAssert.Urls(peers.GetProperty("all_peers")));
        Assert.DoesNotContain(peer.SelfUrl, JsonAssert.Strings(peers.GetProperty("peers")));
    }

    [Fact]
    public async Task Status_reports_the_peer_its_config_index_stats_neighbours_and_uptime()
    {
        var status = await peer.GetJsonAsync("/status");

        JsonAssert.HasExactly(status, "peer", "url", "config", "stats", "healthy_peers", "all_peers", "uptime");
        Assert.Equal(peer.Name, status.GetProperty("peer").GetString());
        Assert.Equal(peer.SelfUrl, status.GetProperty("url").GetString());
        var config = status.GetProperty("config");
        Assert.Equal(peer.Name, config.GetProperty("name").GetString());
        Assert.Equal(peer.RestPort, config.GetProperty("rest_port").GetInt32());
        Assert.Equal(peer.Share.SharedDir, config.GetProperty("shared_dir").GetString());
        var stats = status.GetProperty("stats");
        Assert.Equal(peer.Share.Listed.Count, stats.GetProperty("files").GetInt32());
        Assert.Equal(peer.Share.Listed.Values.Sum(c => (long)c.Length), stats.GetProperty("bytes").GetInt64());
        Assert.Equal(JsonValueKind.Array, status.GetProperty("healthy_peers").ValueKind);
        Assert.Contains(peer.FriendUrl, JsonAssert.Urls(status.GetProperty("all_peers")));
        Assert.True(status.GetProperty("uptime").GetDouble() > 0);
    }

    [Fact]
    public async Task Register_answers_ok_with_the_url_in_canonical_form()
    {
        peer.Membership.SetAlive("http://peer-a.example:8080", "peer-a");
        var body = await RegisterAsync("HTTP://Peer-A.Example:8080/");

        JsonAssert.HasExactly(body, "ok", "peers");
        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.Contains("http://peer-a.example:8080", JsonAssert.Strings(body.GetProperty("peers")));
    }

    [Fact]
    public async Task Register_lists_one_peer_once_whatever_form_its_url_takes()
    {
        peer.Membership.SetAlive("http://peer-b.example:80", "peer-b");
        await RegisterAsync("http://Peer-B.example/");
        var body = await RegisterAsync("http://peer-b.example:80");
        var peers = await peer.GetJsonAsync("/peers");

        Assert.Single(JsonAssert.Strings(body.GetProperty("peers")), "http://peer-b.example:80".Equals);
        Assert.Single(JsonAssert.Urls(peers.GetProperty("all_peers")), "http://peer-b.example:80".Equals);
    }

    [Fact]
    public async Task Register_reads_the_body_as_json_whatever_the_content_type()
    {
        peer.Membership.SetAlive("http://peer-c.example:9000", "peer-c");
        using var response = await peer.PostRegisterAsync(new StringContent("""{"url":"http://peer-c.example:9000"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Register_refuses_a_url_that_does_not_answer_health_as_a_peer_and_accepts_it_once_it_does()
    {
        const string url = "http://peer-d.example:9000";

        using (var refused = await peer.PostRegisterAsync(JsonSerializer.Serialize(new { url })))
            Assert.Contains("did not answer /health as a peer", await ProblemAssert.IsDetailedProblemAsync(refused, 400), StringComparison.Ordinal);
        Assert.DoesNotContain(url, JsonAssert.Urls((await peer.GetJsonAsync("/peers")).GetProperty("all_peers")));

        peer.Membership.SetAlive(url, "peer-d");
        var accepted = await RegisterAsync(url);

        Assert.Contains(url, JsonAssert.Strings(accepted.GetProperty("peers")));
    }

    private async Task<JsonElement> RegisterAsync(string url)
    {
        using var response = await peer.PostRegisterAsync(JsonSerializer.Serialize(new { url }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
