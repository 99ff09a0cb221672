using System.Net.Http.Headers;
using System.Text;
using OrleansP2P.Api.PeerClient;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Api.Tests.PeerClient;

/// <summary><see cref="PeerAnswerReader"/>: an answer is read only as JSON, and only within its byte and element caps.</summary>
public sealed class PeerAnswerReaderTests
{
    private static readonly AnswerLimits Limits = new(MaxBytes: 1024, MaxArrayElements: 4);

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/problem+json")]
    [InlineData("application/json; charset=UTF-8")]
    public async Task A_json_answer_within_the_caps_is_read(string contentType)
    {
        var answer = await ReadAsync("""{"ok":true,"peers":["http://a:1","http://b:2"]}""", contentType);

        Assert.Equal(["http://a:1", "http://b:2"], answer.Peers);
    }

    [Theory]
    [InlineData("""{"ok":true,"peers":[]}""", "text/plain")]
    [InlineData("""{"ok":true,"peers":[]}""", null)]
    [InlineData("""{"ok":true,"peers":[]}""", "application/json; charset=utf-16")]
    [InlineData("<html></html>", "application/json")]
    [InlineData("""{"ok":true,"peers":[""", "application/json")]
    [InlineData("", "application/json")]
    [InlineData("null", "application/json")]
    [InlineData("""{"ok":true,"peers":7}""", "application/json")]
    [InlineData("""{"ok":true,"peers":["a","b","c","d","e"]}""", "application/json")]
    [InlineData("""{"ok":true,"peers":[],"deep":[[[[[[]]]]]]}""", "application/json")]
    public async Task Anything_else_is_an_invalid_answer(string body, string? contentType)
    {
        await Assert.ThrowsAsync<PeerAnswerException>(() => ReadAsync(body, contentType));
    }

    [Fact]
    public async Task An_answer_longer_than_its_cap_is_refused_whether_or_not_it_says_its_length()
    {
        var big = $$"""{"ok":true,"peers":[],"pad":"{{new string('x', Limits.MaxBytes)}}"}""";

        await Assert.ThrowsAsync<PeerAnswerException>(() => ReadAsync(big, "application/json"));
        await Assert.ThrowsAsync<PeerAnswerException>(() => ReadAsync(big, "application/json", sayLength: false));
    }

    private static async Task<RegisterResponse> ReadAsync(string body, string? contentType, bool sayLength = true)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using HttpContent content = sayLength ? new ByteArrayContent(bytes) : new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        if (!sayLength)
        {
            content.Headers.ContentLength = null;
            Assert.Null(content.Headers.ContentLength);
        }
        return await PeerAnswerReader.ReadAsync<RegisterResponse>(content, Limits, CancellationToken.None);
    }
}
