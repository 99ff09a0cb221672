using System.Net;
using System.Text;
using OrleansP2P.Api.Tests.Infrastructure;
using OrleansP2P.Contracts.Security;

namespace OrleansP2P.Api.Tests.Security;

public sealed class SignatureMiddlewareTests(SignedPeerFixture peer) : IClassFixture<SignedPeerFixture>
{
    private readonly RequestSigner _signer = new(SignedPeerFixture.Key, TimeProvider.System);

    [Fact]
    public async Task Reads_stay_open_without_private()
    {
        using var files = await peer.Client.GetAsync(new Uri("/files", UriKind.Relative));
        using var health = await peer.Client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, files.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task An_unsigned_register_is_401_problem_details_that_do_not_contain_the_key()
    {
        using var response = await peer.PostRegisterAsync("{\"url\":\"http://127.0.0.1:9\"}");

        var detail = await ProblemAssert.IsDetailedProblemAsync(response, 401);
        Assert.Contains("missing signature", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(SignedPeerFixture.Key, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("http://127.0.0.1:9", (await peer.GetJsonAsync("/peers")).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_over_a_different_body_is_refused()
    {
        using var request = Signed("/register", "{\"url\":\"http://127.0.0.1:10\"}", signedBody: "{\"url\":\"http://127.0.0.1:11\"}");

        using var response = await peer.Client.SendAsync(request);

        Assert.Equal("wrong signature", await ProblemAssert.IsDetailedProblemAsync(response, 401));
    }

    [Fact]
    public async Task The_status_page_redacts_the_network_key()
    {
        var status = (await peer.GetJsonAsync("/status")).ToString();

        Assert.DoesNotContain(SignedPeerFixture.Key, status, StringComparison.Ordinal);
        Assert.Contains("\"network_key\":\"***\"", status, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "no path")]
    [InlineData("http://169.254.169.254:80", "link-local")]
    [InlineData("http://metadata.evil.test:80", "link-local")]
    [InlineData("http://[::ffff:169.254.169.254]:80", "link-local")]
    public async Task A_signed_register_of_a_metadata_address_is_400_and_the_peer_never_keeps_it(string url, string reason)
    {
        using var response = await peer.Client.SendAsync(Signed("/register", $"{{\"url\":\"{url}\"}}"));

        Assert.Contains(reason, await ProblemAssert.IsDetailedProblemAsync(response, 400), StringComparison.Ordinal);
        var peers = (await peer.GetJsonAsync("/peers")).ToString();
        Assert.DoesNotContain("169.254", peers, StringComparison.Ordinal);
        Assert.DoesNotContain("metadata.evil.test", peers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_peer_urls_are_counted_in_prometheus_by_reason()
    {
        using var response = await peer.Client.SendAsync(Signed("/register", "{\"url\":\"http://169.254.169.254:8080\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var metrics = await peer.GetMetricsAsync();

        Assert.Matches(@"p2p_peer_refused_total\{[^}]*reason=""link_local""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"p2p_peer_refused_total\{[^}]*reason=""not_allowed""[^}]*\} 0", metrics);
    }

    [Fact]
    public async Task A_signed_register_of_a_reachable_address_is_accepted()
    {
        peer.Membership.SetAlive("http://127.0.0.1:12", "reachable");
        using var response = await peer.Client.SendAsync(Signed("/register", "{\"url\":\"http://127.0.0.1:12\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("127.0.0.1", peer.Resolved);
    }

    [Fact]
    public async Task A_signed_register_from_another_origin_is_served_and_an_unsigned_one_is_403()
    {
        peer.Membership.SetAlive("http://127.0.0.1:13", "signed-peer");
        using var signed = Signed("/register", "{\"url\":\"http://127.0.0.1:13\"}");
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, new Uri("/register", UriKind.Relative))
        {
            Content = new StringContent("{\"url\":\"http://127.0.0.1:14\"}", Encoding.UTF8, "text/plain"),
        };
        foreach (var request in new[] { signed, unsigned })
            request.Headers.Add("Origin", "http://evil.example");

        using var served = await peer.Client.SendAsync(signed);
        using var refused = await peer.Client.SendAsync(unsigned);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        await ProblemAssert.IsDetailedProblemAsync(refused, 403);
    }

    [Fact]
    public async Task A_wrong_signature_does_not_exempt_a_register_from_another_origin()
    {
        using var request = Signed("/register", "{\"url\":\"http://127.0.0.1:15\"}", signedBody: "{\"url\":\"http://127.0.0.1:16\"}");
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await peer.Client.SendAsync(request);

        Assert.Equal("wrong signature", await ProblemAssert.IsDetailedProblemAsync(response, 401));
        Assert.DoesNotContain("127.0.0.1:15", (await peer.GetJsonAsync("/peers")).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rest_upload_is_signed_over_its_content_sha256_unsigned_is_401_and_a_body_that_differs_is_not_kept()
    {
        var content = Encoding.UTF8.GetBytes("signed upload through POST /files/{name}\n");
        var sha256 = RequestSigner.HashBody(content);

        using var unsigned = await peer.Client.PostAsync(new Uri("/files/unsigned.txt", UriKind.Relative), new ByteArrayContent(content));
        using var signedOk = await peer.Client.SendAsync(SignedUpload("/files/signed.txt", content, sha256));
        using var tampered = await peer.Client.SendAsync(SignedUpload("/files/tampered.txt", [.. content, (byte)'!'], sha256));

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Created, signedOk.StatusCode);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(peer.Share.SharedDir, "signed.txt")));
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.False(File.Exists(Path.Combine(peer.Share.SharedDir, "unsigned.txt")));
        Assert.False(File.Exists(Path.Combine(peer.Share.SharedDir, "tampered.txt")));
    }

    /// <summary>A streamed upload signs its <c>X-Content-SHA256</c> value in place of the body hash.</summary>
    private HttpRequestMessage SignedUpload(string path, byte[] body, string contentSha256)
    {
        var s = _signer.Sign("POST", path, contentSha256);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-Content-SHA256", contentSha256);
        request.Headers.Add(RequestSigner.TimestampHeader, s.Timestamp);
        request.Headers.Add(RequestSigner.NonceHeader, s.Nonce);
        request.Headers.Add(RequestSigner.SignatureHeader, s.Signature);
        return request;
    }

    private HttpRequestMessage Signed(string path, string body, string? signedBody = null)
    {
        var s = _signer.Sign("POST", path, RequestSigner.HashBody(Encoding.UTF8.GetBytes(signedBody ?? body)));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(RequestSigner.TimestampHeader, s.Timestamp);
        request.Headers.Add(RequestSigner.NonceHeader, s.Nonce);
        request.Headers.Add(RequestSigner.SignatureHeader, s.Signature);
        return request;
    }
}
