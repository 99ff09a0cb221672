using OrleansP2P.Contracts.Content;

namespace OrleansP2P.Contracts.Tests.Content;

public sealed class MagnetLinkTests
{
    private static readonly string Sha = new('a', 64);
    private static readonly string Tree = new('b', 64);

    [Fact]
    public void A_link_round_trips_with_an_encoded_name()
    {
        var link = new MagnetLink(Sha, Tree, 1234, "Pink Floyd & co #1.mp3");
        var text = link.ToString();

        Assert.Equal($"magnet:?xt=urn:sha256:{Sha}&x.tree={Tree}&xl=1234&dn=Pink%20Floyd%20%26%20co%20%231.mp3", text);
        Assert.True(MagnetLink.TryParse(text, out var parsed, out _));
        Assert.Equal(link, parsed);
    }

    [Fact]
    public void Fields_may_come_in_any_order_and_hex_in_any_case()
    {
        Assert.True(MagnetLink.TryParse($"magnet:?dn=a.txt&x.tree={Tree.ToUpperInvariant()}&xt=urn:sha256:{Sha.ToUpperInvariant()}", out var link, out _));
        Assert.Equal(new MagnetLink(Sha, Tree, null, "a.txt"), link);
    }

    [Theory]
    [InlineData("http://example.com/", "starts with magnet")]
    [InlineData("magnet:?x.tree=BBB", "x.tree must be 64 hex")]
    [InlineData("magnet:?xt=urn:btih:abc&x.tree=TREE", "urn:sha256")]
    [InlineData("magnet:?xt=urn:sha256:SHA", "no x.tree")]
    [InlineData("magnet:?x.tree=TREE", "no xt")]
    [InlineData("magnet:?xt=urn:sha256:SHA&x.tree=TREE&xl=-5", "xl must be a size")]
    [InlineData("magnet:?xt=urn:sha256:SHA&x.tree=TREE&dn=..%2Fetc%2Fpasswd", "dn is not a safe file name")]
    [InlineData("magnet:?xt=urn:sha256:SHA&x.tree=TREE&dn=.hidden", "dn is not a safe file name")]
    [InlineData("magnet:?xt=urn:sha256:SHA&xt=urn:sha256:SHA&x.tree=TREE", "more than one xt")]
    public void A_malformed_link_is_refused_with_a_reason(string text, string reason)
    {
        text = text.Replace("SHA", Sha).Replace("TREE", Tree);
        Assert.False(MagnetLink.TryParse(text, out var link, out var problem));
        Assert.Null(link);
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void A_link_longer_than_the_limit_is_refused()
    {
        var text = $"magnet:?xt=urn:sha256:{Sha}&x.tree={Tree}&dn={new string('x', MagnetLink.MaxLength)}";
        Assert.False(MagnetLink.TryParse(text, out _, out var problem));
        Assert.Contains("longer than", problem);
    }
}
