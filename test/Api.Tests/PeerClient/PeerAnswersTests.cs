using OrleansP2P.Api.PeerClient;
using OrleansP2P.Contracts;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Api.Tests.PeerClient;

/// <summary><see cref="PeerAnswers"/>: the <c>/health</c>, <c>/peers</c> and <c>/register</c> answers a peer accepts.</summary>
public sealed class PeerAnswersTests
{
    [Theory]
    [InlineData("peer-1")]
    [InlineData("a name with spaces and ünïcode")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")] // 64
    public void A_health_answer_with_status_ok_and_a_name_of_1_to_64_plain_characters_gives_that_name(string name) =>
        Assert.Equal(name, PeerAnswers.HealthName(new HealthResponse("ok", name, 1)));

    [Theory]
    [InlineData("ok", null)]
    [InlineData("ok", "")]
    [InlineData("ok", " \t")]
    [InlineData("ok", "bell\a")]
    [InlineData("ok", "01234567890123456789012345678901234567890123456789012345678901234")] // 65
    [InlineData("starting", "peer-1")]
    [InlineData(null, "peer-1")]
    public void A_health_answer_with_another_status_or_a_bad_name_is_invalid(string? status, string? name) =>
        Assert.Throws<PeerAnswerException>(() => PeerAnswers.HealthName(new HealthResponse(status!, name!, 1)));

    [Fact]
    public void Health_links_come_back_canonical_with_the_mutual_ones_and_the_view_of_the_list()
    {
        var links = PeerAnswers.Links([new LinkDto("HTTP://B.Example:2/", true), new LinkDto("http://c.example:3", false)]);

        Assert.Equal<string>(["http://b.example:2", "http://c.example:3"], links!.Peers);
        Assert.Equal<string>(["http://b.example:2"], links.Mutual);
        Assert.Equal(PeerLinks.ViewOf(["http://c.example:3", "http://b.example:2"]), links.View);
    }

    public static TheoryData<LinkDto[]?> BadLinks => new()
    {
        null,
        new[] { new LinkDto("ftp://b.example:2", false) },
        new[] { new LinkDto("http://b.example:2", false), new LinkDto("HTTP://B.example:2", true) },
        new[] { new LinkDto(null!, false) },
        new LinkDto[] { null! },
        Enumerable.Range(0, PeerLinks.MaxLinks + 1).Select(i => new LinkDto($"http://p{i}.example:1", false)).ToArray(),
    };

    [Theory]
    [MemberData(nameof(BadLinks))]
    public void Health_links_that_are_missing_too_many_repeated_or_not_urls_are_dropped_not_the_answer(LinkDto[]? links)
    {
        Assert.Null(PeerAnswers.Links(links));
        Assert.Equal("peer-1", PeerAnswers.HealthName(new HealthResponse("ok", "peer-1", 1, links)));
    }

    [Fact]
    public void A_peer_list_comes_back_in_canonical_form()
    {
        Assert.Equal<string>(["http://peer.example:8001", "https://10.0.0.7:443"],
            PeerAnswers.PeerList(["HTTP://Peer.Example:8001/", "https://10.0.0.7"]));
    }

    [Theory]
    [InlineData("http://peer.example:8001/path")]
    [InlineData("ftp://peer.example:21")]
    [InlineData("http://user:pw@peer.example:8001")]
    [InlineData("")]
    [InlineData(null)]
    public void A_peer_list_with_one_bad_url_is_invalid(string? bad) =>
        Assert.Throws<PeerAnswerException>(() => PeerAnswers.PeerList(["http://good.example:8001", bad!]));

    [Fact]
    public void A_missing_peer_list_or_one_longer_than_the_largest_table_is_invalid()
    {
        Assert.Throws<PeerAnswerException>(() => PeerAnswers.PeerList(null));
        var tooMany = Enumerable.Range(0, PeerAnswers.MaxListedPeers + 1).Select(i => $"http://10.0.{i / 256}.{i % 256}:8001").ToList();
        Assert.Throws<PeerAnswerException>(() => PeerAnswers.PeerList(tooMany));
        Assert.Equal(PeerAnswers.MaxListedPeers, PeerAnswers.PeerList(tooMany[1..]).Length);
    }
}
