using System.Text.Json;
using OrleansP2P.Integration.Tests.Infrastructure;
using OrleansP2P.Integration.Tests.Transfer;

namespace OrleansP2P.Integration.Tests.Security;

[Collection(PeerCollection.Name)]
public sealed class TlsNetworkTests
{
    private const string File = "over-tls.bin";

    [Fact]
    public async Task Four_peers_in_a_line_search_and_download_over_tls_and_a_peer_without_the_ca_cannot_join()
    {
        using var certificates = new TestCertificates();
        var content = TestFiles.Bytes(200_000, seed: 21);
        await using var network = await PeerNetwork.StartAsync(4, PeerNetwork.Line(4), (i, dir) =>
        {
            if (i == 4)
                System.IO.File.WriteAllBytes(Path.Combine(dir, File), content);
        }, certificates.Config());
        await network[4].WaitForFilesAsync(1);

        var search = await network.SearchAsync(1, File, ttl: 3);
        Assert.StartsWith("https://", network[1].Url, StringComparison.Ordinal);
        Assert.Equal(4, search.GetProperty("peers_reached").GetInt32());
        Assert.Equal(["peer4"], PeerNetwork.PeersWithHits(search));

        using var calls = new TransferCalls(network[4]);
        var (header, data, _) = await calls.DownloadAsync(File);
        Assert.Equal(TestFiles.Sha256(content), header.Sha256);
        Assert.Equal(TestFiles.Sha256(data), header.Sha256);

        // Same certificate, but no tls_ca: it cannot validate peer1's certificate, so it never registers.
        var config = certificates.Config(trustCa: false);
        config["friend_primary"] = network[1].Url;
        await using var stranger = await PeerProcess.StartAsync("stranger", config: config,
            security: new PeerSecurity(NetworkKey: null, CaPath: certificates.CaPath, Tls: true));
        using var response = await stranger.Http.PostAsync("/bootstrap", content: null);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal([network[1].Url], report.GetProperty("failed").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(report.GetProperty("registered").EnumerateArray());
    }
}
