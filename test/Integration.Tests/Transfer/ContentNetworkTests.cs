using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Transfer;

/// <summary>Content addressing between real peers (Kestrel, not the in-memory server): hash search, /pieces, /content.</summary>
[Collection(PeerCollection.Name)]
public sealed class ContentNetworkTests
{
    private const long Size = (3L * PieceTree.PieceSize) + 12_345;
    private const int BytesPerSecond = 4_000_000;

    [Fact]
    public async Task A_hash_search_finds_every_holder_with_the_tree_and_each_serves_the_pieces_and_ranges_at_its_rate()
    {
        await using var net = await PeerNetwork.StartAsync(3, PeerNetwork.Line(3), (i, dir) =>
        {
            if (i != 2) // peers 1 and 3 hold the same content under different names; peer 2 something else
                TestFiles.Write(Path.Combine(dir, $"copy-on-peer{i}.bin"), Size, seed: 5);
            else
                TestFiles.Write(Path.Combine(dir, "other.bin"), Size, seed: 6);
        }, new Dictionary<string, object?> { ["upload_rate_limit"] = BytesPerSecond });
        await net.WaitForIndexesAsync();
        var source = Path.Combine(net[3].SharedDir, "copy-on-peer3.bin");
        var hashes = await FileHashes.OfFileAsync(source, CancellationToken.None);

        var search = await net.SearchAsync(1, $"urn:sha256:{hashes.Sha256}", ttl: 2);

        Assert.Equal(["peer1", "peer3"], PeerNetwork.PeersWithHits(search));
        var files = search.GetProperty("results").EnumerateArray().SelectMany(r => r.GetProperty("files").EnumerateArray()).ToList();
        Assert.All(files, f => Assert.Equal((hashes.Tree, PieceTree.PieceSize), (f.GetProperty("tree").GetString(), f.GetProperty("piece_size").GetInt32())));

        var pieces = await net[3].GetJsonAsync($"/pieces/{hashes.Sha256}");
        Assert.Equal(hashes.Pieces, pieces.GetProperty("pieces").EnumerateArray().Select(p => p.GetString()));

        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/content/{hashes.Sha256}");
        request.Headers.Range = new RangeHeaderValue(PieceTree.PieceSize - 10, Size - 1);
        using var response = await net[3].Http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        clock.Stop();

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var expected = (await File.ReadAllBytesAsync(source))[(PieceTree.PieceSize - 10)..];
        Assert.Equal(expected, body);
        // The bucket starts with at most a twentieth of a second's worth; the rest comes at the rate.
        var floor = TimeSpan.FromSeconds((body.Length - (BytesPerSecond / 20.0)) / BytesPerSecond * 0.9);
        Assert.True(clock.Elapsed >= floor, $"{body.Length} bytes at {BytesPerSecond} B/s came in {clock.Elapsed}");
    }
}
