using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using OrleansP2P.Api.Security;
using OrleansP2P.Cli;
using OrleansP2P.Contracts.Security;
using OrleansP2P.Integration.Tests.Infrastructure;
using OrleansP2P.Integration.Tests.Transfer;

namespace OrleansP2P.Integration.Tests.Security;

[Collection(PeerCollection.Name)]
public sealed class SignedNetworkTests(SignedNetwork fixture) : IClassFixture<SignedNetwork>, IDisposable
{
    private readonly HttpClient _raw = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("p2p-signed-");

    private PeerNetwork Network => fixture.Network;

    public void Dispose()
    {
        _raw.Dispose();
        _work.Delete(recursive: true);
        CliCredentials.Apply(CliApp.Create().Parse(["files"])); // no key for the CLI tests that follow
    }

    [Fact]
    public async Task Peers_sharing_a_key_sign_their_forwards_so_a_search_reaches_the_whole_line()
    {
        var search = await Network.SearchAsync(1, SignedNetwork.File, ttl: 2);

        Assert.True(search.GetProperty("complete").GetBoolean());
        Assert.Equal(3, search.GetProperty("peers_reached").GetInt32());
        Assert.Equal(["peer3"], PeerNetwork.PeersWithHits(search));
    }

    [Fact]
    public async Task Bootstrap_registers_with_signed_calls()
    {
        using var response = await Network[2].Http.PostAsync("/bootstrap", content: null);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(report.GetProperty("failed").EnumerateArray());
    }

    [Fact]
    public async Task Unsigned_wrongly_signed_stale_and_replayed_forwards_are_refused_and_nothing_is_searched()
    {
        var target = Network[2];
        var before = (await Network.SearchesExecutedAsync())["peer2"];
        string Forward() => JsonSerializer.Serialize(new
        {
            query_id = Guid.NewGuid().ToString("D"), query = "locked", ttl = 1, fanout = 3, origin = Network[1].Url, path = new[] { Network[1].Url }, deadline_ms = 2000,
        });

        using var unsigned = await _raw.PostAsync(target.Url + "/search/forward", new StringContent(Forward()));
        using var wrongKey = await _raw.SendAsync(fixture.SignedPost(target.Url, "/search/forward", Forward(), new RequestSigner("not-the-network-key-at-all", TimeProvider.System)));
        using var stale = await _raw.SendAsync(fixture.SignedPost(target.Url, "/search/forward", Forward(), timestamp: DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 61));
        var valid = fixture.SignedPost(target.Url, "/search/forward", Forward());
        var replay = new HttpRequestMessage(HttpMethod.Post, valid.RequestUri) { Content = new ByteArrayContent(await valid.Content!.ReadAsByteArrayAsync()) };
        foreach (var (name, values) in valid.Headers)
            replay.Headers.TryAddWithoutValidation(name, values);
        using var accepted = await _raw.SendAsync(valid);
        using var replayed = await _raw.SendAsync(replay);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        foreach (var (response, reason) in new[] { (unsigned, "missing"), (wrongKey, "wrong signature"), (stale, "60 s"), (replayed, "replayed") })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var problem = await response.Content.ReadAsStringAsync();
            Assert.Contains(reason, problem, StringComparison.Ordinal);
            Assert.DoesNotContain(SignedNetwork.Key, problem, StringComparison.Ordinal);
        }
        // Only the one valid forward ran (and forwarded on to peer3 and back to nobody else).
        Assert.Equal(before + 1, (await Network.SearchesExecutedAsync())["peer2"]);
    }

    [Fact]
    public async Task An_unsigned_register_is_refused_and_the_neighbour_table_is_unchanged()
    {
        using var response = await _raw.PostAsJsonAsync(Network[1].Url + "/register", new { url = "http://127.0.0.1:9" });
        var peers = await Network[1].GetJsonAsync("/peers");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(peers.GetProperty("all_peers").EnumerateArray(), p => p.GetProperty("url").GetString() == "http://127.0.0.1:9");
    }

    [Fact]
    public async Task A_peer_with_another_key_cannot_join()
    {
        var config = SignedNetwork.Config("a-different-network-key-9876543210");
        config["friend_primary"] = Network[1].Url;
        await using var outsider = await PeerProcess.StartAsync("outsider", config: config);

        using var response = await outsider.Http.PostAsync("/bootstrap", content: null);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var known = await Network[1].GetJsonAsync("/peers");

        Assert.Equal([Network[1].Url], report.GetProperty("failed").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(report.GetProperty("registered").EnumerateArray());
        Assert.DoesNotContain(known.GetProperty("all_peers").EnumerateArray(), p => p.GetProperty("url").GetString() == outsider.Url);
    }

    [Fact]
    public async Task A_grpc_upload_needs_a_signature_and_a_signed_one_is_stored()
    {
        var content = TestFiles.Bytes(70_000, seed: 10);
        using var unsigned = new TransferCalls(Network[1]);
        using var signed = new TransferCalls(Network[1], () => fixture.UploadSignature("signed.bin", content));

        Assert.Equal(StatusCode.Unauthenticated, await unsigned.UploadStatusAsync("unsigned.bin", content));
        var result = await signed.UploadAsync("signed.bin", content);

        Assert.Equal(TestFiles.Sha256(content), result.Sha256);
        Assert.False(File.Exists(Path.Combine(Network[1].SharedDir, "unsigned.bin")));
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(Network[1].SharedDir, "signed.bin")));
    }

    [Fact]
    public async Task The_cli_signs_its_upload_with_the_key_and_without_it_the_peer_refuses()
    {
        var target = Network[2];
        var grpc = $"127.0.0.1:{target.GrpcPort}";
        var signed = Path.Combine(_work.FullName, "cli-signed.bin");
        var unsigned = Path.Combine(_work.FullName, "cli-unsigned.bin");
        var signedSha = TestFiles.Write(signed, 50_000, seed: 31);
        TestFiles.Write(unsigned, 50_000, seed: 32);

        var refused = await CliApp.RunAsync(["upload", unsigned, "--to", grpc, "--json"]);
        var accepted = await CliApp.RunAsync(["upload", signed, "--to", grpc, "--key", SignedNetwork.Key, "--json"]);

        Assert.NotEqual(0, refused);
        Assert.False(File.Exists(Path.Combine(target.SharedDir, "cli-unsigned.bin")));
        Assert.Equal(0, accepted);
        Assert.Equal(signedSha, TestFiles.Sha256(Path.Combine(target.SharedDir, "cli-signed.bin")));
    }
}
