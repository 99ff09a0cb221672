using OrleansP2P.Api.PeerClient;
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
