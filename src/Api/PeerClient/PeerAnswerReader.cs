using System.Text.Json;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Api.PeerClient;

/// <summary>How much of an answer a call reads: bytes on the wire, and values inside JSON arrays (any depth).</summary>
public sealed record AnswerLimits(int MaxBytes, int MaxArrayElements);

/// <summary>
/// Reads another peer's JSON answer within bounds, before anything is materialised: a JSON content type (UTF-8), at
/// most <see cref="AnswerLimits.MaxBytes"/> bytes (refused from its Content-Length, or as soon as the stream passes the
/// cap), one well-formed JSON value with at most <see cref="AnswerLimits.MaxArrayElements"/> array elements (counted
/// by a pass that allocates nothing), then deserialized with the contract's options. Anything else is a
/// <see cref="PeerAnswerException"/>; the caller's cancellation (the deadline) is passed on, so a slow drip ends there.
/// </summary>
public static class PeerAnswerReader
{
    private const int MaxDepth = 64;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    public static async Task<T> ReadAsync<T>(HttpContent content, AnswerLimits limits, CancellationToken cancellationToken) where T : class
    {
        var type = content.Headers.ContentType;
        if (type?.MediaType is not { } media || !(media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            throw new PeerAnswerException("the answer is not application/json");
        if (type.CharSet is { } charset && !charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            throw new PeerAnswerException("the answer is not UTF-8");
        if (content.Headers.ContentLength > limits.MaxBytes)
            throw new PeerAnswerException($"the answer is larger than {limits.MaxBytes} bytes");

        using var body = new MemoryStream((int)(content.Headers.ContentLength ?? 0));
        await using (var stream = await content.ReadAsStreamAsync(cancellationToken))
        {
            if (!await JsonBody.TryCopyCappedAsync(stream, body, limits.MaxBytes, cancellationToken))
                throw new PeerAnswerException($"the answer is larger than {limits.MaxBytes} bytes");
        }
        var json = body.GetBuffer().AsSpan(0, (int)body.Length);
        try
        {
            if (CountArrayElements(json, limits.MaxArrayElements) > limits.MaxArrayElements)
                throw new PeerAnswerException($"the answer holds more than {limits.MaxArrayElements} array elements");
            return JsonSerializer.Deserialize<T>(json, P2PJson.Options) ?? throw new PeerAnswerException("the answer is null");
        }
        catch (JsonException e)
        {
            throw new PeerAnswerException($"the answer is not the expected JSON (at {e.Path ?? "$"}, byte {e.BytePositionInLine})", e);
        }
    }

    /// <summary>Values directly inside arrays, at any depth, counted up to one past <paramref name="stopAfter"/>.</summary>
    /// <exception cref="JsonException">Not one well-formed JSON value, or nested deeper than the serializer reads.</exception>
    private static int CountArrayElements(ReadOnlySpan<byte> json, int stopAfter)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        Span<bool> isArray = stackalloc bool[MaxDepth + 1];
        var count = 0;
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.EndObject or JsonTokenType.EndArray)
                continue;
            var depth = reader.CurrentDepth;
            if (depth > 0 && isArray[depth - 1] && ++count > stopAfter)
                return count;
            if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                isArray[depth] = reader.TokenType == JsonTokenType.StartArray;
        }
        return count;
    }
}
