using System.Net;

namespace OrleansP2P.Api.Tests.Hosting;

/// <summary>The web UI at <c>/</c>: embedded assets with a strict Content-Security-Policy.</summary>
public sealed class WebUiTests(PeerFixture peer) : IClassFixture<PeerFixture>
{
    [Fact]
    public async Task The_root_serves_the_page_with_a_csp_that_forbids_inline_script_and_framing()
    {
        using var response = await peer.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("<script type=\"module\" src=\"ui/app.js\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ui/app.js", "text/javascript")]
    [InlineData("/ui/app.css", "text/css")]
    [InlineData("/ui/vendor/sha256.js", "text/javascript")]
    public async Task The_page_assets_are_embedded_and_served_with_their_types(string path, string type)
    {
        using var response = await peer.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Peers_and_health_allow_any_origin_to_read_them_but_search_does_not()
    {
        using var peers = await GetFromOriginAsync("/peers");
        using var health = await GetFromOriginAsync("/health");
        using var search = await GetFromOriginAsync("/search?query=x&ttl=0");

        Assert.Equal("*", peers.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("*", health.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(search.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_dashboard_is_not_served_by_default()
    {
        using var response = await peer.Client.GetAsync(new Uri("/dashboard", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<HttpResponseMessage> GetFromOriginAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", "http://127.0.0.1:1");
        return peer.Client.SendAsync(request);
    }
}
