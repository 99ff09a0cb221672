using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Routing;

namespace OrleansP2P.Grains.Tests.Routing;

public sealed class RoutingTableTests
{
    private static readonly RoutingTable Music = RoutingTable.Of(["Pink_Floyd-The_Wall.mp3", "Café_del_Mar.flac"]);

    private static IReadOnlyList<string> Q(string query) => NameFolding.Tokens(query);

    [Theory]
    [InlineData("floyd pink")]
    [InlineData("WALL floyd")]
    [InlineData("cafe mar")]
    [InlineData("loy")]
    [InlineData("a b")] // one- and two-character tokens prove nothing
    [InlineData("mp")]
    public void A_table_may_match_every_query_its_names_match(string query)
    {
        Assert.True(Music.MayMatch(Q(query)));
    }

    [Theory]
    [InlineData("queen")]
    [InlineData("floyd queen")]
    [InlineData("wav")]
    public void A_table_proves_a_token_of_three_or_more_characters_absent(string query)
    {
        Assert.False(Music.MayMatch(Q(query)));
    }

    [Fact]
    public void No_substring_of_any_token_of_any_name_is_ever_refused()
    {
        var random = new Random(7);
        var names = Enumerable.Range(0, 300).Select(_ => RandomName(random)).ToList();
        var table = RoutingTable.Of(names);

        foreach (var name in names)
        {
            foreach (var token in NameFolding.Tokens(name))
            {
                var start = random.Next(token.Length);
                var sub = token[start..(start + random.Next(1, token.Length - start + 1))];
                Assert.True(table.MayMatch([sub]), $"{sub} of {name}");
            }
        }
    }

    [Fact]
    public void A_union_matches_what_either_side_matches_and_round_trips_through_bytes()
    {
        var other = RoutingTable.Of(["queen-bohemian.ogg"]);
        var union = Music.Union(other);

        Assert.True(union.MayMatch(Q("queen")));
        Assert.True(union.MayMatch(Q("floyd")));
        Assert.False(Music.MayMatch(Q("queen")));
        Assert.Equal(union, RoutingTable.FromBytes(union.AsSpan()));
        Assert.Null(RoutingTable.FromBytes(new byte[RoutingTable.Bytes - 1]));
        Assert.True(RoutingTable.Empty.IsEmpty);
        Assert.False(union.IsEmpty);
    }

    [Fact]
    public void Trigram_hashes_are_fixed_by_the_wire_format()
    {
        // FNV-1a 32 over the UTF-16LE bytes of "abc", mod 2^15, worked out here byte by byte as docs/architecture.md
        // describes it.
        uint hash = 2166136261;
        foreach (var b in "abc"u8.ToArray().SelectMany(c => new byte[] { c, 0 }))
            hash = (hash ^ b) * 16777619;
        Assert.Equal((int)(hash % RoutingTable.Size), Trigrams.Hash("abc"));
        Assert.Equal(2, Trigrams.Of("abcd").Count());
        Assert.Empty(Trigrams.Of("ab"));
    }

    private static string RandomName(Random random)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzéü0123456789_- .";
        return new string([.. Enumerable.Range(0, random.Next(3, 30)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }
}
