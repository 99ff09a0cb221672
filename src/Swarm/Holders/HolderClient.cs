using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Swarm.Holders;

/// <summary>
/// The two calls a download makes to a holder: <c>GET /pieces/{sha256}</c> (a bounded JSON answer) and
/// <c>GET /content/{sha256}</c> with a Range (the response is checked to be exactly that range before a byte is read).
/// </summary>
internal sealed class HolderClient(HttpClient http)
{
    public async Task<PiecesResponse> GetPiecesAsync(Uri holder, string sha256, long maxBytes, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Endpoint(holder, "pieces", sha256), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new HolderException($"answered /pieces with {(int)response.StatusCode}");
        var body = await BoundedBody.ReadAsync(response.Content, maxBytes, cancellationToken)
            ?? throw new HolderException($"sent a piece list over {maxBytes} bytes");
        try
        {
            return JsonSerializer.Deserialize<PiecesResponse>(body, P2PJson.Strict) ?? throw new HolderException("sent a null piece list");
        }
        catch (JsonException e)
        {
            throw new HolderException($"sent a malformed piece list ({e.Message})");
        }
    }

    /// <summary>Starts a Range request for bytes <paramref name="from"/>..<paramref name="to"/> (inclusive) of a content of <paramref name="size"/>.</summary>
    public async Task<HttpResponseMessage> GetRangeAsync(Uri holder, string sha256, long from, long to, long size, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint(holder, "content", sha256));
        request.Headers.Range = new RangeHeaderValue(from, to);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            var headers = response.Content.Headers;
            var exact = response.StatusCode switch
            {
                HttpStatusCode.PartialContent => headers.ContentRange is { From: var f, To: var t, Length: var l } && f == from && t == to && l == size,
                HttpStatusCode.OK => from == 0 && to == size - 1,
                _ => throw new HolderException($"answered a Range request with {(int)response.StatusCode}"),
            };
            if (!exact || headers.ContentLength is { } length && length != to - from + 1)
                throw new HolderException($"answered bytes {from}-{to} with another range ({headers.ContentRange?.ToString() ?? "none"}, {headers.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} bytes)");
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static Uri Endpoint(Uri holder, string what, string sha256) => new(holder, $"{what}/{sha256}");
}
