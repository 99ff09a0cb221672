using OrleansP2P.Cli.Transfer;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Cli.Tests.Transfer;

public sealed class ContentGroupsTests
{
    [Fact]
    public void Hits_of_one_content_under_any_name_become_one_download_from_every_holder()
    {
        var groups = ContentGroups.Of(Answer(
            Hit("http://127.0.0.1:8001", File("report.pdf", 'a'), File("notes.txt", 'b')),
            Hit("http://127.0.0.1:8002", File("report-copy.pdf", 'a')),
            Hit("http://127.0.0.1:8003", File("report.pdf", 'a'))), maxSources: null);

        Assert.Empty(groups.Ambiguous);
        var report = Assert.Single(groups.Wanted, w => w.Link.Sha256 == new string('a', 64));
        Assert.Equal("report.pdf", report.Name);
        Assert.Equal(["http://127.0.0.1:8001/", "http://127.0.0.1:8002/", "http://127.0.0.1:8003/"], report.Holders.Select(h => h.AbsoluteUri));
        Assert.Equal(new string('f', 64), report.Link.Tree);
        Assert.Single(groups.Wanted, w => w.Name == "notes.txt");
    }

    [Fact]
    public void Sources_bounds_the_holders_of_each_content()
    {
        var groups = ContentGroups.Of(Answer(
            Hit("http://127.0.0.1:8001", File("a.bin", 'a')), Hit("http://127.0.0.1:8002", File("a.bin", 'a')),
            Hit("http://127.0.0.1:8003", File("a.bin", 'a'))), maxSources: 2);

        Assert.Equal(2, Assert.Single(groups.Wanted).Holders.Count);
    }

    [Fact]
    public void Two_contents_under_one_name_are_set_aside_and_a_hit_without_a_tree_is_skipped_with_the_reason()
    {
        var groups = ContentGroups.Of(Answer(
            Hit("http://127.0.0.1:8001", File("same.bin", 'a'), File("old.bin", 'c') with { Tree = null, PieceSize = null }),
            Hit("http://127.0.0.1:8002", File("same.bin", 'b'))), maxSources: null);

        Assert.Empty(groups.Wanted);
        var same = Assert.Single(groups.Ambiguous);
        Assert.Equal("same.bin", same.Name);
        Assert.Equal(2, same.Contents.Count);
        Assert.Contains("old.bin on peer-8001 is listed without a piece tree", Assert.Single(groups.Skipped), StringComparison.Ordinal);
    }

    public static SearchResponseDto Answer(params PeerResultDto[] hits) => new("q", "id", 3, 3, true, hits.Length, 1, hits);

    public static PeerResultDto Hit(string url, params FileDto[] files) => new($"peer-{url[^4..]}", url, null, files);

    /// <summary>A file whose SHA-256 is 64 × <paramref name="digit"/>, with a piece tree of 64 × f.</summary>
    public static FileDto File(string name, char digit) =>
        new(name, 1234, 0, new string(digit, 64), ".bin", "application/octet-stream", null, null, PieceTree.PieceSize, new string('f', 64));
}
