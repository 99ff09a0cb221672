using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansP2P.Contracts.Security;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Security;

/// <summary>
/// gRPC side of peer-call signing: with a <c>network_key</c>, <c>Upload</c> needs the signature as metadata (METHOD
/// <c>POST</c>, PATH the gRPC method path, the empty body's hash) or an accepted bearer token; with <c>private: true</c>,
/// every method but the health service does. <c>DummyUpload</c> stores nothing and stays open. Failures: <c>UNAUTHENTICATED</c>.
/// </summary>
public sealed partial class SignatureInterceptor(NetworkKey key, IOptions<PeerOptions> options, ILogger<SignatureInterceptor> logger) : Interceptor
{
    public const string UploadMethod = "/p2p.FileTransfer/Upload";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authenticate(ServerCallContext context)
    {
        if (key.Signer is not { } signer || !Requires(context.Method))
            return;
        var headers = context.RequestHeaders;
        var reason = BearerRule.Check(context.GetHttpContext(), headers.GetValue("authorization"), signer) is { } bearer
            ? bearer.Reason
            : key.Verify("POST", context.Method, RequestSigner.EmptyBodyHash, headers.GetValue(RequestSigner.TimestampHeader.ToLowerInvariant()),
                headers.GetValue(RequestSigner.NonceHeader.ToLowerInvariant()), headers.GetValue(RequestSigner.SignatureHeader.ToLowerInvariant()));
        if (reason is null)
            return;
        LogRejected(logger, context.Method, reason);
        throw new RpcException(new Status(StatusCode.Unauthenticated, reason));
    }

    private bool Requires(string method) =>
        options.Value.Private ? !method.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal) : method == UploadMethod;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused unauthenticated gRPC {Method}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, string reason);
}
