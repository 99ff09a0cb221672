using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansP2P.Contracts.Security;
using OrleansP2P.Grains.Options;
using OrleansP2P.Protos;

namespace OrleansP2P.Api.Security;

/// <summary>
/// gRPC side of peer-call signing: with a <c>network_key</c>, <c>Upload</c> and <c>DummyDownload</c> need the signature
/// as metadata (METHOD <c>POST</c>, PATH the gRPC method path) or an accepted bearer token; with <c>private: true</c>,
/// every method but the health service does. An <c>Upload</c> signs <see cref="RequestSigner.UploadHash"/> of its
/// <c>FileHeader</c> in place of the body hash, so it is checked once the first message (the header) has arrived and
/// before the service sees it; every other call signs the empty body's hash. <c>DummyUpload</c> stores nothing and
/// stays open. Failures: <c>UNAUTHENTICATED</c>.
/// </summary>
public sealed partial class SignatureInterceptor(NetworkKey key, IOptions<PeerOptions> options, ILogger<SignatureInterceptor> logger) : Interceptor
{
    public const string UploadMethod = "/p2p.FileTransfer/Upload";
    public const string DummyDownloadMethod = "/p2p.FileTransfer/DummyDownload";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context, RequestSigner.EmptyBodyHash);
        return continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (context.Method == UploadMethod && key.Signer is { } signer && BearerRule.Check(context.GetHttpContext(), BearerToken(context), signer) is null)
        {
            var upload = await ReadHeaderAsync(requestStream, context);
            Authenticate(context, upload.First is UploadChunk { PayloadCase: UploadChunk.PayloadOneofCase.Info, Info: var h }
                ? RequestSigner.UploadHash(h.Name, h.Size, h.Sha256, h.Overwrite)
                : null);
            return await continuation(upload, context);
        }
        Authenticate(context, RequestSigner.EmptyBodyHash);
        return await continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context, RequestSigner.EmptyBodyHash);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context, RequestSigner.EmptyBodyHash);
        return continuation(requestStream, responseStream, context);
    }

    /// <summary>Checks the bearer token or the signature over <paramref name="bodyHash"/> (null: the upload sent no header first).</summary>
    private void Authenticate(ServerCallContext context, string? bodyHash)
    {
        if (key.Signer is not { } signer || !Requires(context.Method))
            return;
        var headers = context.RequestHeaders;
        var reason = BearerRule.Check(context.GetHttpContext(), BearerToken(context), signer) is { } bearer
            ? bearer.Reason
            : bodyHash is null
                ? "a signed upload's first message must be its info header, which the signature covers"
                : key.Verify("POST", context.Method, bodyHash, headers.GetValue(RequestSigner.TimestampHeader.ToLowerInvariant()),
                    headers.GetValue(RequestSigner.NonceHeader.ToLowerInvariant()), headers.GetValue(RequestSigner.SignatureHeader.ToLowerInvariant()));
        if (reason is null)
            return;
        LogRejected(logger, context.Method, reason);
        throw new RpcException(new Status(StatusCode.Unauthenticated, reason));
    }

    private bool Requires(string method) =>
        options.Value.Private ? !method.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal) : method is UploadMethod or DummyDownloadMethod;

    private static string? BearerToken(ServerCallContext context) => context.RequestHeaders.GetValue("authorization");

    /// <summary>The upload's first message, read ahead; a stream that breaks first is DATA_LOSS, as in the service.</summary>
    private static async Task<PrefetchedStreamReader<T>> ReadHeaderAsync<T>(IAsyncStreamReader<T> requestStream, ServerCallContext context)
    {
        try
        {
            var hasFirst = await requestStream.MoveNext(context.CancellationToken);
            return new PrefetchedStreamReader<T>(requestStream, hasFirst, hasFirst ? requestStream.Current : default);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            throw new RpcException(new Status(StatusCode.DataLoss, "the upload stream ended before its header: " + e.Message));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused unauthenticated gRPC {Method}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, string reason);
}
