using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansP2P.Api.Transfer;

namespace OrleansP2P.Api.Hosting;

/// <summary>
/// Reads a small JSON body with a size cap and turns every client mistake (not JSON, wrong types,
/// too large, empty) into a problem-details 400/413 instead of an exception.
/// </summary>
public static class JsonBody
{
    public const long DefaultMaxBytes = 64 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpRequest request, long maxBytes = DefaultMaxBytes) where T : class
    {
        if (request.ContentLength > maxBytes)
            return (null, TooLarge(maxBytes));
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
            sizeFeature.MaxRequestBodySize = maxBytes;

        var json = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value;
        try
        {
            var (value, problem) = request.ContentLength is { } length
                ? await ReadKnownLengthAsync<T>(request, (int)length, json.SerializerOptions)
                : await ReadUnknownLengthAsync<T>(request, maxBytes, json.SerializerOptions);
            return problem is not null ? (null, problem)
                : value is null ? (null, Bad("the request body must be a JSON object, not null"))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Bad(e.Path is { Length: > 1 } path
                ? $"the value at '{path}' is malformed or has the wrong type (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})"
                : $"the request body is not a valid JSON object (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
    }

    public static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    private static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem($"the request body is larger than {maxBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Payload too large");

    /// <summary>Copies <paramref name="source"/> to its end; false, having stopped reading, once it holds more than <paramref name="maxBytes"/>.</summary>
    public static async Task<bool> TryCopyCappedAsync(Stream source, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                    return false;
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ProblemHttpResult Empty() => Bad("the request body is empty: a JSON object is expected");

    /// <summary>A body of known length (already checked against the cap) read straight into a pooled buffer.</summary>
    private static async Task<(T? Value, ProblemHttpResult? Problem)> ReadKnownLengthAsync<T>(HttpRequest request, int length, JsonSerializerOptions options)
    {
        if (length == 0)
            return (default, Empty());
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var read = await request.Body.ReadAtLeastAsync(buffer.AsMemory(0, length), length, throwOnEndOfStream: false, request.HttpContext.RequestAborted);
            return (JsonSerializer.Deserialize<T>(buffer.AsSpan(0, read), options), null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A chunked body, copied until it ends or passes the cap.</summary>
    private static async Task<(T? Value, ProblemHttpResult? Problem)> ReadUnknownLengthAsync<T>(HttpRequest request, long maxBytes, JsonSerializerOptions options)
    {
        using var limited = new MemoryStream();
        if (!await TryCopyCappedAsync(request.Body, limited, maxBytes, request.HttpContext.RequestAborted))
            return (default, TooLarge(maxBytes));
        if (limited.Length == 0)
            return (default, Empty());
        return (JsonSerializer.Deserialize<T>(limited.GetBuffer().AsSpan(0, (int)limited.Length), options), null);
    }
}
