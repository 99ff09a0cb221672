using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using OrleansP2P.Contracts.Security;

namespace OrleansP2P.Api.Security;

/// <summary>
/// Cross-site request defence: a call that changes state (every method but GET, HEAD, OPTIONS and TRACE) carrying an
/// <c>Origin</c> other than the peer's own (<see cref="PeerHosts.IsOwnOrigin"/>) is 403, so a page elsewhere cannot
/// upload, register or bootstrap through a visitor's browser, even with no key set. A call with a signature is let
/// through to <see cref="SignatureMiddleware"/>, which verifies every state-changing call when a key is set (without
/// one nothing can be signed, so nothing is exempt). gRPC calls cannot come from a page and are left alone.
/// </summary>
public sealed partial class OriginRuleMiddleware(RequestDelegate next, PeerHosts hosts, NetworkKey key, ILogger<OriginRuleMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!ChangesState(request.Method) || !request.Headers.TryGetValue(HeaderNames.Origin, out var origin)
            || hosts.IsOwnOrigin(origin.ToString(), request.Host) || IsSigned(request)
            || context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not null)
            return next(context);
        LogRefused(logger, origin.ToString(), request.Method, request.Path);
        return Refusal.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
            $"a call that changes this peer is refused from another origin ('{origin}'): use the peer's own web UI, " +
            "sign the call, or add the origin's host:port to allowed_hosts");
    }

    private static bool ChangesState(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    private bool IsSigned(HttpRequest request) => key.Signer is not null && request.Headers.ContainsKey(RequestSigner.SignatureHeader);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a call from origin '{Origin}': {Method} {Path}")]
    private static partial void LogRefused(ILogger logger, string origin, string method, string path);
}
