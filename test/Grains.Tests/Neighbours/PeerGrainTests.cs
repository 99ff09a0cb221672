using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Tests.Infrastructure;

namespace OrleansP2P.Grains.Tests.Neighbours;

[Collection(PeerClusterCollection.Name)]
public sealed class PeerGrainTests(PeerClusterFixture cluster)
{
    private static readonly FileEntry[] Files =
    [
        Entry("Report-2024.PDF", 100),
        Entry("notes.txt", 200),
        Entry("report.md", 300),
        Entry("photo.jpg", 400),
    ];

    [Fact]
    public async Task A_new_peer_has_an_empty_index_at_version_0()
    {
        var index = await cluster.NewPeer().GetIndex();

        Assert.Equal(0, index.Version);
        Assert.Empty(index.Files);
    }

    [Fact]
    public async Task UpdateIndex_replaces_the_files_and_increments_the_version_each_time()
    {
        var peer = cluster.NewPeer();

        await peer.UpdateIndex([.. Files]);
        var first = await peer.GetIndex();
        await peer.UpdateIndex([Files[1]]);
        var second = await peer.GetIndex();

        Assert.Equal(1, first.Version);
        Assert.Equal(Files, first.Files);
        Assert.Equal(2, second.Version);
        Assert.Equal(new[] { Files[1] }, second.Files); // an array: ImmutableArray equality is by reference
        Assert.Equal(200, second.TotalBytes);
        Assert.Equal(2, await peer.GetIndexVersion()); // what a gateway keys its search cache on, without the files
    }

    [Fact]
    public async Task FindFile_is_an_exact_ordinal_lookup()
    {
        var peer = cluster.NewPeer();
        await peer.UpdateIndex([Entry("A.txt", 1), Entry("a.txt", 2)]);

        Assert.Equal(1, (await peer.FindFile("A.txt"))?.Size);
        Assert.Equal(2, (await peer.FindFile("a.txt"))?.Size);
        Assert.Null(await peer.FindFile("A.TXT"));
        Assert.Null(await peer.FindFile("a"));
        Assert.Null(await peer.FindFile(" a.txt"));
    }

    [Theory]
    [InlineData("report", "Report-2024.PDF", "report.md")]
    [InlineData("REPORT", "Report-2024.PDF", "report.md")]
    [InlineData(".pdf", "Report-2024.PDF")]
    [InlineData("E", "Report-2024.PDF", "notes.txt", "report.md")]
    [InlineData("*", "Report-2024.PDF", "notes.txt", "report.md", "photo.jpg")]
    [InlineData("*.txt", "notes.txt")] // a star beside other text is not a wildcard: the query is the token "txt"
    [InlineData("nothing-like-it")]
    public async Task Match_is_by_case_insensitive_tokens_of_the_name_and_star_lists_everything(string query, params string[] expected)
    {
        var peer = cluster.NewPeer();
        await peer.UpdateIndex([.. Files]);

        var matches = (await peer.GetHopInput(query, match: true, ttl: 1)).Matches;

        Assert.Equal(expected.Order(StringComparer.Ordinal), matches.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Friends_from_the_options_are_unhealthy_neighbours_never_seen()
    {
        var neighbours = await cluster.NewPeer().GetNeighbours();

        Assert.Equal(PeerClusterFixture.CanonicalFriends, neighbours.Select(n => n.Url));
        Assert.All(neighbours, n =>
        {
            Assert.False(n.Healthy);
            Assert.Null(n.LastSeenUnix);
            Assert.Equal(0, n.Failures);
        });
    }

    [Fact]
    public async Task Register_canonicalises_and_de_duplicates_urls()
    {
        var peer = cluster.NewPeer();
        cluster.Membership.SetAlive("http://example.com:80", "example");

        var first = await peer.Register("http://Example.com:80/");
        var second = await peer.Register("http://example.com");

        Assert.True(first.Accepted, first.Error);
        Assert.True(second.Accepted, second.Error);
        Assert.Null(second.Error);
        Assert.Contains("http://example.com:80", first.Peers);
        Assert.Single(second.Peers, "http://example.com:80".Equals);
        Assert.Equal(PeerClusterFixture.CanonicalFriends.Count + 1, (await peer.GetNeighbours()).Length);
    }

    [Theory]
    [InlineData(PeerClusterFixture.SelfUrl)]
    [InlineData("HTTP://127.0.0.1:7001/")]
    [InlineData(" http://127.0.0.1:7001 ")]
    public async Task Register_refuses_the_peers_own_url(string url) =>
        Assert.Contains("itself", await AssertRefusedAsync(url), StringComparison.Ordinal);

    [Theory]
    [InlineData("ftp://x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("ws://peer.example:1")]
    [InlineData("mailto:peer@example.com")]
    [InlineData("not a url")]
    [InlineData("")]
    public async Task Register_refuses_non_http_urls(string url) =>
        Assert.False(string.IsNullOrWhiteSpace(await AssertRefusedAsync(url)));

    [Fact]
    public async Task Register_refuses_new_peers_beyond_max_neighbors()
    {
        var peer = cluster.NewPeer();
        var room = PeerClusterFixture.MaxNeighbors - PeerClusterFixture.CanonicalFriends.Count;
        for (var i = 0; i <= room; i++)
            cluster.Membership.SetAlive(i < room ? $"http://peer{i}.example:1" : "http://one-too-many.example:1", $"peer{i}");
        for (var i = 0; i < room; i++)
            Assert.True((await peer.Register($"http://peer{i}.example:1")).Accepted);

        var refused = await peer.Register("http://one-too-many.example:1");
        var again = await peer.Register("http://peer0.example:1");

        Assert.False(refused.Accepted);
        Assert.Contains("full", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("http://one-too-many.example:1", refused.Peers);
        Assert.True(again.Accepted, "a known peer registering again is not a new neighbour");
        Assert.Equal(PeerClusterFixture.MaxNeighbors, (await peer.GetNeighbours()).Length);
    }

    /// <summary>Registers <paramref name="url"/> with a fresh peer, asserts it was refused and changed nothing, and returns the reason.</summary>
    private async Task<string> AssertRefusedAsync(string url)
    {
        var peer = cluster.NewPeer();

        var result = await peer.Register(url);

        Assert.False(result.Accepted);
        Assert.Equal(PeerClusterFixture.CanonicalFriends, (await peer.GetNeighbours()).Select(n => n.Url));
        Assert.Equal(PeerClusterFixture.CanonicalFriends, result.Peers.Order(StringComparer.Ordinal));
        return result.Error ?? "";
    }

    private static FileEntry Entry(string name, long size) =>
        new(name, size, MtimeUnix: 1_700_000_000, Sha256: new string('0', 64), Path.GetExtension(name).ToLowerInvariant());
}
