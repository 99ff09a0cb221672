using System.Net;
using System.Net.Http.Headers;

namespace OrleansP2P.Api.Tests.Transfer;

/// <summary><c>GET /files/{name}</c>: the bytes of an indexed file, with Range, ETag and Content-Disposition.</summary>
public sealed class FileDownloadTests(PeerFixture peer) : IClassFixture<PeerFixture>
{
    private byte[] Binary => peer.Share.Listed[SampleShare.Binary];

    [Fact]
    public async Task A_whole_file_comes_with_its_sha256_as_etag_a_content_type_and_an_attachment_disposition()
    {
        using var response = await GetAsync(SampleShare.Text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(peer.Share.Listed[SampleShare.Text], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{SampleShare.Sha256Hex(peer.Share.Listed[SampleShare.Text])}\"", response.Headers.ETag?.Tag);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_needs_escaping_is_served_and_named_safely_in_the_disposition()
    {
        using var response = await GetAsync(Uri.EscapeDataString(SampleShare.SpacedName));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(peer.Share.Listed[SampleShare.SpacedName], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(SampleShare.SpacedName, response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Theory]
    [InlineData("bytes=0-0", 0, 0)]
    [InlineData("bytes=1000-70999", 1000, 70_999)]
    [InlineData("bytes=-500", SampleShare.BinarySize - 500, SampleShare.BinarySize - 1)]
    [InlineData("bytes=199990-", SampleShare.BinarySize - 10, SampleShare.BinarySize - 1)]
    public async Task A_range_request_gets_206_with_exactly_those_bytes(string range, int from, int to)
    {
        using var response = await GetAsync(SampleShare.Binary, r => r.Headers.Add("Range", range));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(Binary[from..(to + 1)], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(new ContentRangeHeaderValue(from, to, SampleShare.BinarySize), response.Content.Headers.ContentRange);
    }

    [Fact]
    public async Task A_range_past_the_end_is_416_with_the_real_length()
    {
        using var response = await GetAsync(SampleShare.Binary, r => r.Headers.Add("Range", $"bytes={SampleShare.BinarySize}-"));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal(SampleShare.BinarySize, response.Content.Headers.ContentRange?.Length);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task If_none_match_with_the_current_etag_is_304_without_a_body_and_another_etag_gets_the_file()
    {
        var etag = $"\"{SampleShare.Sha256Hex(Binary)}\"";

        using var same = await GetAsync(SampleShare.Binary, r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag)));
        using var other = await GetAsync(SampleShare.Binary, r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{new string('0', 64)}\"")));

        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Empty(await same.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(Binary, await other.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("no-such-file.txt")]
    [InlineData(".hidden")]
    [InlineData("x.part")]
    [InlineData("link.txt")]
    [InlineData("pipe.txt")]
    [InlineData("sub%2Finner.txt")]
    [InlineData("..%2Fx")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("..%5Cx")]
    public async Task A_name_that_is_not_in_the_index_is_a_404_problem(string rawName)
    {
        using var response = await GetAsync(rawName);

        await ProblemAssert.IsDetailedProblemAsync(response, 404);
    }

    [Fact]
    public async Task A_download_shows_on_the_transfers_board_with_its_bytes_and_outcome()
    {
        using (var response = await GetAsync(SampleShare.Binary))
            Assert.Equal(Binary.Length, (await response.Content.ReadAsByteArrayAsync()).Length);

        var transfers = await peer.GetJsonAsync("/transfers");

        var entry = transfers.GetProperty("transfers").EnumerateArray().First(t =>
            t.GetProperty("name").GetString() == SampleShare.Binary && t.GetProperty("transport").GetString() == "http");
        Assert.Equal("download", entry.GetProperty("direction").GetString());
        Assert.Equal("ok", entry.GetProperty("outcome").GetString());
        Assert.Equal(SampleShare.BinarySize, entry.GetProperty("bytes").GetInt64());
        Assert.Equal(SampleShare.BinarySize, entry.GetProperty("size").GetInt64());
    }

    private Task<HttpResponseMessage> GetAsync(string rawName, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/files/{rawName}", UriKind.Relative));
        configure?.Invoke(request);
        return peer.Client.SendAsync(request);
    }
}
