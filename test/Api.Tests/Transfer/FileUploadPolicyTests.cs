using System.Net;
using System.Net.Http.Headers;
using OrleansP2P.Api.Tests.Infrastructure;

namespace OrleansP2P.Api.Tests.Transfer;

/// <summary><c>POST /files/{name}</c> against the upload policy: the same refusals as the gRPC upload, nothing written.</summary>
public sealed class FileUploadPolicyTests(NoUploadsPeerFixture closed, QuotaPeerFixture capped)
    : IClassFixture<NoUploadsPeerFixture>, IClassFixture<QuotaPeerFixture>
{
    [Fact]
    public async Task A_peer_that_does_not_accept_uploads_answers_403_and_writes_nothing()
    {
        var before = ShareSnapshot.Of(closed);

        using var response = await closed.Client.PostAsync("/files/refused.bin", new ByteArrayContent(new byte[1000]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("accept_uploads", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, ShareSnapshot.Of(closed));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_upload_beyond_max_shared_bytes_is_413_with_or_without_a_length_and_writes_nothing(bool announceLength)
    {
        var content = new byte[QuotaPeerFixture.Quota];
        var before = ShareSnapshot.Of(capped);

        using var body = announceLength ? (HttpContent)new ByteArrayContent(content) : new UnknownLengthContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await capped.Client.PostAsync($"/files/over-quota-{announceLength}.bin", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("quota", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, ShareSnapshot.Of(capped));
    }

    [Fact]
    public async Task The_quota_is_checked_before_a_clash_with_an_existing_name()
    {
        var content = new byte[QuotaPeerFixture.Quota];
        var before = ShareSnapshot.Of(capped);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/files/{SampleShare.Text}", UriKind.Relative))
        {
            Content = new ByteArrayContent(content),
        };
        request.Headers.Add("X-Content-SHA256", SampleShare.Sha256Hex(content));
        using var response = await capped.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("quota", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, ShareSnapshot.Of(capped));
    }

    [Fact]
    public async Task An_upload_of_unknown_length_that_fits_the_quota_is_stored()
    {
        var content = new byte[4096];
        Random.Shared.NextBytes(content);

        using var response = await capped.Client.PostAsync("/files/fits-quota.bin", new UnknownLengthContent(content));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(capped.Share.SharedDir, "fits-quota.bin")));
    }
}
