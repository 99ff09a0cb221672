using Microsoft.AspNetCore.Http;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>One generated bad request; <see cref="ToMessage"/> makes a fresh message each time it is sent.</summary>
public sealed record HostileRequest(string Kind, HttpMethod Method, string PathAndQuery, byte[]? Body = null,
    string? ContentType = "application/json", bool Chunked = false)
{
    /// <summary>
    /// Fills an in-memory request with the path and query exactly as generated (no <c>..</c> removal,
    /// no escaping, which a <see cref="Uri"/> would do) and the body as bytes, with or without a length.
    /// </summary>
    public void Apply(HttpContext context)
    {
        var request = context.Request;
        request.Method = Method.Method;
        var query = PathAndQuery.IndexOf('?', StringComparison.Ordinal);
        request.Path = DecodedPath(query < 0 ? PathAndQuery : PathAndQuery[..query]);
        if (query >= 0)
            request.QueryString = new QueryString(PathAndQuery[query..]);
        if (Body is null)
            return;
        if (ContentType is not null)
            request.ContentType = ContentType;
        if (Chunked)
            request.Headers.TransferEncoding = "chunked";
        else
            request.ContentLength = Body.Length;
        request.Body = new MemoryStream(Body, writable: false);
    }

    /// <summary>
    /// The path as a server decodes it; one it would refuse to decode (<c>%00</c>) goes to the app
    /// undecoded, where Kestrel would have answered 400 itself.
    /// </summary>
    private static PathString DecodedPath(string raw)
    {
        try
        {
            return PathString.FromUriComponent(raw);
        }
        catch (InvalidOperationException)
        {
            return new PathString(raw);
        }
    }

    public override string ToString() =>
        $"{Kind}: {Method} {Shorten(PathAndQuery)} ({Body?.Length ?? 0} bytes{(Chunked ? ", chunked" : "")}, {ContentType ?? "no content type"})";

    private static string Shorten(string value) => value.Length <= 160 ? value : value[..160] + $"…({value.Length} chars)";
}
