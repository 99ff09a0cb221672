using System.Text;
using OrleansP2P.Api.Hosting;

namespace OrleansP2P.Api.Tests.Network;

/// <summary><c>POST /register</c> turns every client mistake into a problem-details 4xx, never a 5xx.</summary>
public sealed class RegisterBadInputTests(PeerFixture peer) : IClassFixture<PeerFixture>
{
    private const int MaxBodyBytes = 64 * 1024;

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{not json")]
    [InlineData("""{"url": "http://a.example:1" """)]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""["http://a.example:1"]""")]
    [InlineData("\"http://a.example:1\"")]
    [InlineData("42")]
    [InlineData("{}")]
    [InlineData("""{"url":null}""")]
    [InlineData("""{"url":""}""")]
    [InlineData("""{"url":5}""")]
    [InlineData("""{"url":true}""")]
    [InlineData("""{"url":["http://a.example:1"]}""")]
    [InlineData("""{"url":{"host":"a.example"}}""")]
    public async Task Register_refuses_a_body_that_is_not_an_object_with_a_url_string(string body)
    {
        using var response = await peer.PostRegisterAsync(body);

        await ProblemAssert.IsDetailedProblemAsync(response, 400);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("a.example:1")]
    [InlineData("/relative/path")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://x")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://a.example:1/path")]
    [InlineData("http://a.example:1/?q=1")]
    [InlineData("http://a.example:1/#fragment")]
    [InlineData("http://user:secret@a.example:1")]
    [InlineData("http://a.example:99999")]
    [InlineData("http://a.example:0")]
    public async Task Register_refuses_anything_but_a_plain_http_or_https_peer_url(string url)
    {
        using var response = await peer.PostRegisterAsync(JsonBodyOf(url));

        await ProblemAssert.IsDetailedProblemAsync(response, 400);
    }

    [Fact]
    public async Task Register_refuses_the_peers_own_url_in_any_form()
    {
        foreach (var self in new[] { peer.SelfUrl, peer.SelfUrl.ToUpperInvariant() + "/" })
        {
            using var response = await peer.PostRegisterAsync(JsonBodyOf(self));

            var detail = await ProblemAssert.IsDetailedProblemAsync(response, 400);
            Assert.Contains("itself", detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Register_refuses_a_url_where_nothing_answers_health()
    {
        var url = $"http://127.0.0.1:{FreePorts.Take(1)[0]}";

        using var response = await peer.PostRegisterAsync(JsonBodyOf(url));

        var detail = await ProblemAssert.IsDetailedProblemAsync(response, 400);
        Assert.Contains($"'{url}'", detail, StringComparison.Ordinal);
        Assert.Contains("did not answer /health as a peer", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(url, JsonAssert.Urls((await peer.GetJsonAsync("/peers")).GetProperty("all_peers")));
    }

    [Fact]
    public async Task Register_refuses_a_body_over_64_KiB_with_413()
    {
        using var response = await peer.PostRegisterAsync(HugeBody());

        await ProblemAssert.IsDetailedProblemAsync(response, 413);
    }

    [Fact]
    public async Task Register_refuses_a_body_over_64_KiB_with_413_even_without_a_content_length()
    {
        using var content = new UnknownLengthContent(Encoding.UTF8.GetBytes(HugeBody()));
        using var response = await peer.PostRegisterAsync(content);

        await ProblemAssert.IsDetailedProblemAsync(response, 413);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("null")]
    [InlineData("""{"url":5}""")]
    public async Task Register_refuses_the_same_bodies_sent_without_a_content_length(string body)
    {
        using var content = new UnknownLengthContent(Encoding.UTF8.GetBytes(body));
        using var response = await peer.PostRegisterAsync(content);

        await ProblemAssert.IsDetailedProblemAsync(response, 400);
    }

    [Fact]
    public async Task Refused_registrations_leave_the_neighbour_table_unchanged()
    {
        using (var refused = await peer.PostRegisterAsync(JsonBodyOf("ftp://refused.example")))
            await ProblemAssert.IsDetailedProblemAsync(refused, 400);

        var peers = await peer.GetJsonAsync("/peers");

        Assert.Equal([peer.FriendUrl], JsonAssert.Urls(peers.GetProperty("all_peers")));
    }

    private static string JsonBodyOf(string url) => System.Text.Json.JsonSerializer.Serialize(new { url });

    /// <summary>Valid JSON with a valid URL: only its size is wrong.</summary>
    private static string HugeBody() =>
        System.Text.Json.JsonSerializer.Serialize(new { url = "http://big.example:1", padding = new string('x', MaxBodyBytes) });
}
