using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Indexing;

namespace OrleansP2P.Grains.Tests.Indexing;

public sealed class FileMatcherTests
{
    [Theory]
    [InlineData("Report-2024.PDF", "report", true)]
    [InlineData("report.md", "REPORT", true)]
    [InlineData("report.md", "port.m", true)]
    [InlineData("report.md", "report.md", true)]
    [InlineData("report.md", "reports", false)]
    [InlineData("report.md", "rep*", true)]
    [InlineData("report.md", "rep*x", false)]
    [InlineData("report.md", "*", true)]
    [InlineData(".hidden", "*", true)]
    public void IsMatch_is_a_case_insensitive_token_test_where_a_lone_star_matches_everything(string name, string query, bool expected)
    {
        Assert.Equal(expected, FileMatcher.IsMatch(name, query));
    }

    [Theory]
    [InlineData("Pink_Floyd-The_Wall.mp3", "floyd pink")]
    [InlineData("Pink_Floyd-The_Wall.mp3", "WALL floyd")]
    [InlineData("Café_del_Mar.flac", "cafe mar")]
    [InlineData("CAFE_DEL_MAR.flac", "café")]
    [InlineData("Ｐｉｎｋ Ｆｌｏｙｄ.mp3", "pink")]
    [InlineData("Motörhead - Ace of Spades.ogg", "motorhead, ace!")]
    [InlineData("Ελληνική_Μουσική.mp3", "ελληνικη")]
    [InlineData("東京タワー.jpg", "東京")]
    [InlineData("Привет_Мир.txt", "мир ПРИВЕТ")]
    [InlineData("naïve-café.txt", "naive")]
    [InlineData("a---b.md", "---")]
    public void Every_query_token_found_in_the_folded_name_is_a_match(string name, string query)
    {
        Assert.True(FileMatcher.IsMatch(name, query));
    }

    [Theory]
    [InlineData("Pink_Floyd-The_Wall.mp3", "floyd queen")]
    [InlineData("Café_del_Mar.flac", "cafes")]
    [InlineData("東京タワー.jpg", "大阪")]
    [InlineData("report.md", "report_mx")]
    [InlineData("report.md", "...")]
    public void A_query_token_missing_from_the_name_is_no_match(string name, string query)
    {
        Assert.False(FileMatcher.IsMatch(name, query));
    }

    [Fact]
    public void Tokens_are_folded_runs_of_letters_and_digits_without_repeats()
    {
        Assert.Equal(["pink", "floyd", "1979"], NameFolding.Tokens("Pink  FLOYD (1979) pink"));
        Assert.Equal(["cafe", "del", "mar"], NameFolding.Tokens("Café-del_Mar"));
        Assert.Empty(NameFolding.Tokens("-_ .!"));
        Assert.Equal(["𓀀bc", "abc"], NameFolding.Tokens("𓀀bc 𝒜BC")); // letters outside the BMP: in tokens, folded too
    }

    [Fact]
    public void Match_keeps_the_matching_files_in_index_order()
    {
        FileEntry[] files = [Entry("b-notes.txt"), Entry("a.jpg"), Entry("A-NOTES.md")];

        var matches = FileMatcher.Match([.. files], "notes");

        Assert.Equal(["b-notes.txt", "A-NOTES.md"], matches.Select(f => f.Name));
    }

    [Theory]
    [InlineData("urn:sha256:")]
    [InlineData("URN:SHA256:")]
    public void A_urn_sha256_query_matches_exactly_the_files_with_that_checksum_in_either_case(string prefix)
    {
        var wanted = new string('a', 63) + "b";
        FileEntry[] files = [Entry("one.bin", wanted), Entry("other.bin", new string('c', 64)), Entry("two.txt", wanted)];

        var matches = FileMatcher.Match([.. files], prefix + wanted.ToUpperInvariant());

        Assert.Equal(["one.bin", "two.txt"], matches.Select(f => f.Name));
    }

    [Fact]
    public void A_urn_sha256_query_does_not_match_a_file_whose_name_contains_it()
    {
        var query = "urn:sha256:" + new string('a', 64);
        FileEntry[] files = [Entry(query + ".txt", new string('0', 64))];

        Assert.Empty(FileMatcher.Match([.. files], query));
    }

    [Theory]
    [InlineData("urn:sha256:abc")]
    [InlineData("urn:sha256:zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    public void A_malformed_urn_is_a_query_by_name(string query)
    {
        FileEntry[] files = [Entry($"x-{query}.txt", new string('0', 64)), Entry("y.txt", new string('0', 64))];

        Assert.Equal([$"x-{query}.txt"], FileMatcher.Match([.. files], query).Select(f => f.Name));
    }

    private static FileEntry Entry(string name, string? sha256 = null) => new(name, 1, 0, sha256 ?? new string('0', 64), Path.GetExtension(name));
}
