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
    [InlineData("report.md", "rep*", false)]
    [InlineData("report.md", "*", true)]
    [InlineData(".hidden", "*", true)]
    public void IsMatch_is_a_case_insensitive_substring_test_where_a_lone_star_matches_everything(string name, string query, bool expected)
    {
        Assert.Equal(expected, FileMatcher.IsMatch(name, query));
    }

    [Fact]
    public void Match_keeps_the_matching_files_in_index_order()
    {
        FileEntry[] files = [Entry("b-notes.txt"), Entry("a.jpg"), Entry("A-NOTES.md")];

        var matches = FileMatcher.Match([.. files], "notes");

        Assert.Equal(["b-notes.txt", "A-NOTES.md"], matches.Select(f => f.Name));
    }

    private static FileEntry Entry(string name) => new(name, 1, 0, new string('0', 64), Path.GetExtension(name));
}
