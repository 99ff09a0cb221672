using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Api.Transfer;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Contracts.Security;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Security;

/// <summary>
/// With a <c>network_key</c>, REST calls that change state (every method but GET and HEAD: register, bootstrap,
/// search forwards, uploads) need a valid signature or an accepted bearer token; with <c>private: true</c>, every
/// call but <c>/health</c> does. Failures are 401 problem details whose reason never names the key; a rejected call
/// never reaches its endpoint. gRPC calls are left to <see cref="SignatureInterceptor"/>.
/// </summary>
public sealed partial class SignatureMiddleware(RequestDelegate next, NetworkKey key, IOptions<PeerOptions> options, ILogger<SignatureMiddleware> logger)
{
    /// <summary>A streamed REST upload signs this header's value (the file's SHA-256) in place of the body hash.</summary>
    public const string ContentSha256Header = "X-Content-SHA256";

    public async Task InvokeAsync(HttpContext context)
    {
        if (key.Signer is not { } signer || !Requires(context) || context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not null)
        {
            await next(context);
            return;
        }
        var request = context.Request;
        var reason = BearerRule.Check(context, request.Headers.Authorization, signer) is { } bearer
            ? bearer.Reason
            : await VerifySignatureAsync(context, key);
        if (reason is not null)
        {
            LogRejected(logger, request.Method, request.Path, reason);
            context.Response.Headers.WWWAuthenticate = "P2P-HMAC-SHA256";
            await Refusal.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", reason);
            return;
        }
        await next(context);
    }

    private bool Requires(HttpContext context) =>
        options.Value.Private
            ? !context.Request.Path.Equals("/health", StringComparison.Ordinal)
            : !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method));

    private static async Task<string?> VerifySignatureAsync(HttpContext context, NetworkKey key)
    {
        var request = context.Request;
        string bodyHash;
        if (request.Headers.TryGetValue(ContentSha256Header, out var announced) && IsUpload(request))
        {
            bodyHash = announced.ToString().ToLowerInvariant();
            if (!Sha256Hex.IsValid(bodyHash))
                return $"{ContentSha256Header} must be 64 hex digits";
        }
        else if (IsUpload(request))
        {
            return $"{ContentSha256Header} is required on a signed upload";
        }
        else
        {
            var body = await ReadCappedAsync(request);
            if (body is null)
                return $"a signed request body is at most {JsonBody.DefaultMaxBytes} bytes";
            bodyHash = RequestSigner.HashBody(body);
        }
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
            target = request.PathBase + request.Path + request.QueryString;
        var headers = request.Headers;
        return key.Verify(request.Method, target, bodyHash,
            headers[RequestSigner.TimestampHeader], headers[RequestSigner.NonceHeader], headers[RequestSigner.SignatureHeader]);
    }

    /// <summary>A streamed REST upload: <c>POST /files/{name}</c>.</summary>
    private static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/files", StringComparison.Ordinal);

    /// <summary>The whole body (at most 64 KiB, like every JSON body), read and rewound for the endpoint; null when larger.</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpRequest request)
    {
        if (request.ContentLength > JsonBody.DefaultMaxBytes)
            return null;
        request.EnableBuffering(bufferThreshold: (int)JsonBody.DefaultMaxBytes, bufferLimit: JsonBody.DefaultMaxBytes + 1);
        using var copy = new MemoryStream();
        try
        {
            if (!await JsonBody.TryCopyCappedAsync(request.Body, copy, JsonBody.DefaultMaxBytes, request.HttpContext.RequestAborted))
                return null;
        }
        catch (IOException)
        {
            return null; // over the buffer limit
        }
        request.Body.Position = 0;
        return copy.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused unauthenticated {Method} {Path}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, string path, string reason);
}
