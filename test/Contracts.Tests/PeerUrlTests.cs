namespace OrleansP2P.Contracts.Tests;

public sealed class PeerUrlTests
{
    [Theory]
    [InlineData("http://Example.com", "http://example.com:80")]
    [InlineData("http://Example.com:80/", "http://example.com:80")]
    [InlineData("HTTPS://Peer.Example", "https://peer.example:443")]
    [InlineData("http://127.0.0.1:8001", "http://127.0.0.1:8001")]
    [InlineData("  http://127.0.0.1:8001/  ", "http://127.0.0.1:8001")]
    [InlineData("http://[::1]:8001/", "http://[::1]:8001")]
    public void TryCanonicalize_gives_lower_case_scheme_host_and_port_with_no_trailing_slash(string url, string expected)
    {
        Assert.True(PeerUrl.TryCanonicalize(url, out var canonical, out var error), error);
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a url")]
    [InlineData("example.com:8001")]
    [InlineData("/etc/passwd")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://x")]
    [InlineData("mailto:peer@example.com")]
    [InlineData("http://example.com:8001/path")]
    [InlineData("http://example.com:8001/?query=1")]
    [InlineData("http://example.com:8001/#fragment")]
    [InlineData("http://user:secret@example.com:8001")]
    [InlineData("http://example.com:99999")]
    [InlineData("http://example.com:0")]
    public void TryCanonicalize_refuses_anything_but_a_plain_http_or_https_origin_and_says_why(string? url)
    {
        Assert.False(PeerUrl.TryCanonicalize(url, out var canonical, out var error));
        Assert.Null(canonical);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void TryCanonicalize_refuses_a_url_longer_than_the_limit()
    {
        var url = "http://" + new string('a', PeerUrl.MaxLength) + ".example";

        Assert.False(PeerUrl.TryCanonicalize(url, out _, out var error));
        Assert.Contains(PeerUrl.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_throws_naming_the_bad_url()
    {
        var error = Assert.Throws<ArgumentException>(() => PeerUrl.Canonicalize("ftp://bad.example"));

        Assert.Contains("ftp://bad.example", error.Message, StringComparison.Ordinal);
    }
}
