using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// A peer that accepts uploads (<c>accept_uploads</c>, for when the upload policy lands) of at most
/// <see cref="MaxUploadBytes"/>, with limits high enough that a test's requests are never rate-limited.
/// </summary>
public sealed class UploadPeerFixture : PeerFixture
{
    public const long MaxUploadBytes = 300_000;

    protected override IReadOnlyDictionary<string, object> ConfigOverrides { get; } = new Dictionary<string, object>
    {
        ["accept_uploads"] = true,
        ["max_upload_bytes"] = MaxUploadBytes,
        ["rate_limit_per_minute"] = 100_000,
        ["target_degree"] = 0,
    };

    /// <summary>Where part files live (<c>data_dir/tmp</c>).</summary>
    public string PartDir => Path.Combine(Path.GetDirectoryName(Share.SharedDir)!, "data", "tmp");

    /// <summary>Files in <c>shared_dir</c> and part files in <c>data_dir/tmp</c>, as a snapshot to compare before and after.</summary>
    public IReadOnlyList<string> StoredEntries() =>
    [
        .. Directory.EnumerateFileSystemEntries(Share.SharedDir).Order(StringComparer.Ordinal),
        .. (Directory.Exists(PartDir) ? Directory.EnumerateFiles(PartDir) : []).Order(StringComparer.Ordinal),
    ];

    /// <summary>
    /// POSTs <paramref name="body"/> with the request target exactly as given, the way Kestrel presents it (raw target
    /// kept, path decoded except <c>%2F</c>); an HttpClient would refuse some of these targets. Returns the status and body.
    /// </summary>
    public async Task<(int Status, string ContentType, string Body)> UploadRawAsync(string rawTarget, byte[] body)
    {
        var context = await Factory.Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
            c.Request.Path = new PathString(Uri.UnescapeDataString(rawTarget.Replace("%2F", "%252F", StringComparison.OrdinalIgnoreCase)));
            c.Request.Body = new MemoryStream(body);
            c.Request.ContentLength = body.Length;
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, context.Response.ContentType ?? "", await reader.ReadToEndAsync());
    }

    /// <summary>POSTs <paramref name="content"/> to <c>/files/{rawName}</c> (the name as it goes on the wire).</summary>
    public Task<HttpResponseMessage> UploadAsync(string rawName, HttpContent content, string? sha256 = null, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/files/{rawName}{query}", UriKind.Relative)) { Content = content };
        if (sha256 is not null)
            request.Headers.Add("X-Content-SHA256", sha256);
        return Client.SendAsync(request);
    }
}
