using System.Net;
using System.Text;

namespace OrleansP2P.Api.Tests.Security;

/// <summary>
/// The version 2 "Browsers" contract on a peer without a key: a state-changing call from another origin is 403, a
/// request for a host the peer is not is 421 (DNS rebinding). The in-memory server's own Host is <c>localhost</c>.
/// </summary>
public sealed class BrowserRulesTests(BrowserPeerFixture peer) : IClassFixture<BrowserPeerFixture>
{
    private const string Evil = "http://evil.example";

    [Fact]
    public async Task An_upload_from_another_origin_is_403_and_the_file_is_unchanged()
    {
        var path = Path.Combine(peer.Share.SharedDir, SampleShare.Text);
        var before = await File.ReadAllBytesAsync(path);
        using var request = Post($"/files/{SampleShare.Text}?overwrite=true", "replaced by a web page", "text/plain", origin: Evil);

        using var response = await peer.Client.SendAsync(request);

        Assert.Contains(Evil, await ProblemAssert.IsDetailedProblemAsync(response, 403), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_register_from_another_origin_is_403_and_the_neighbour_table_is_unchanged()
    {
        using var request = Post("/register", "{\"url\":\"http://127.0.0.1:31\"}", "text/plain", origin: Evil);

        using var response = await peer.Client.SendAsync(request);

        await ProblemAssert.IsDetailedProblemAsync(response, 403);
        Assert.DoesNotContain("127.0.0.1:31", (await peer.GetJsonAsync("/peers")).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost", 32)] // the request's own Host
    [InlineData("SELF", 33)] // self_url's host:port
    [InlineData("http://files.example.org:1234", 34)] // an allowed_hosts entry without a port: any port
    [InlineData("https://ui.example.org:8443", 35)] // an allowed_hosts entry with its port
    public async Task A_register_from_the_peers_own_origin_is_served(string origin, int port)
    {
        peer.Membership.SetAlive($"http://127.0.0.1:{port}", $"peer-{port}");
        using var request = Post("/register", $"{{\"url\":\"http://127.0.0.1:{port}\"}}", "application/json",
            origin: origin == "SELF" ? peer.SelfUrl : origin);

        using var response = await peer.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("null")] // sandboxed frames and file: pages
    [InlineData("http://127.0.0.1:9")] // self_url's host on another port
    [InlineData("https://ui.example.org:9443")] // an allowed_hosts entry on another port than its own
    [InlineData("http://localhost.evil.example")]
    public async Task A_register_from_an_origin_that_only_resembles_the_peers_is_403(string origin)
    {
        using var request = Post("/register", "{\"url\":\"http://127.0.0.1:36\"}", "application/json", origin: origin);

        using var response = await peer.Client.SendAsync(request);

        await ProblemAssert.IsDetailedProblemAsync(response, 403);
    }

    [Theory]
    [InlineData("GET", "/status")]
    [InlineData("GET", "/health")]
    [InlineData("GET", "/")]
    [InlineData("POST", "/register")]
    public async Task A_request_for_a_host_the_peer_is_not_is_421(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        request.Headers.Host = "rebind.evil.example:8001";
        if (method == "POST")
            request.Content = new StringContent("{\"url\":\"http://127.0.0.1:37\"}", Encoding.UTF8, "application/json");

        using var response = await peer.Client.SendAsync(request);

        Assert.Contains("rebind.evil.example", await ProblemAssert.IsDetailedProblemAsync(response, 421), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:8001", true)] // an IP literal
    [InlineData("[::1]:8001", true)]
    [InlineData("localhost:8001", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("files.example.org:1234", true)]
    [InlineData("ui.example.org:8443", true)]
    [InlineData("ui.example.org:9443", false)]
    [InlineData("files.example.org.evil.example", false)]
    [InlineData("localhost.evil.example:8001", false)]
    public async Task Ip_literals_localhost_self_url_and_allowed_hosts_are_the_hosts_served(string host, bool served)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative));
        request.Headers.Host = host;

        using var response = await peer.Client.SendAsync(request);

        Assert.Equal(served ? HttpStatusCode.OK : HttpStatusCode.MisdirectedRequest, response.StatusCode);
    }

    [Fact]
    public async Task Other_pages_may_still_read_peers_and_health()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/peers", UriKind.Relative));
        request.Headers.Add("Origin", Evil);

        using var response = await peer.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private static HttpRequestMessage Post(string path, string body, string contentType, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Add("Origin", origin);
        return request;
    }
}
