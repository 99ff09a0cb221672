using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using OrleansP2P.Protos;

namespace OrleansP2P.Cli.Tests.Transfer;

/// <summary>The <c>FileTransfer</c> service of a <see cref="StubPeer"/>: each call does what the test scripted.</summary>
public sealed class StubTransfer : FileTransfer.FileTransferBase
{
    public const int ChunkSize = 64 * 1024;

    public Func<DownloadRequest, IServerStreamWriter<DownloadChunk>, ServerCallContext, Task>? OnDownload { get; init; }

    public Func<IAsyncStreamReader<UploadChunk>, ServerCallContext, Task<UploadResult>>? OnUpload { get; init; }

    /// <summary>Serves <paramref name="content"/> under <paramref name="name"/> as a peer does: header, then chunks from the offset.</summary>
    public static StubTransfer Serving(string name, byte[] content) => new()
    {
        OnDownload = async (request, stream, context) =>
        {
            if (request.Name != name)
                throw new RpcException(new Status(StatusCode.NotFound, request.Name));
            await stream.WriteAsync(Header(content.LongLength, Sha256(content)));
            await SendAsync(stream, content.AsMemory((int)request.Offset));
        },
    };

    public static DownloadChunk Header(long size, string sha256) => new() { Info = new FileHeader { Size = size, Sha256 = sha256 } };

    public static async Task SendAsync(IServerStreamWriter<DownloadChunk> stream, ReadOnlyMemory<byte> data)
    {
        for (var at = 0; at < data.Length; at += ChunkSize)
            await stream.WriteAsync(new DownloadChunk { Data = ByteString.CopyFrom(data.Span[at..Math.Min(data.Length, at + ChunkSize)]) });
    }

    /// <summary>Reads a whole upload as a peer would: the header, then the data's length and SHA-256.</summary>
    public static async Task<(FileHeader Header, long Bytes, string Sha256)> ReceiveAsync(
        IAsyncStreamReader<UploadChunk> requests, ServerCallContext context)
    {
        FileHeader? header = null;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        await foreach (var chunk in requests.ReadAllAsync(context.CancellationToken))
        {
            if (chunk.PayloadCase == UploadChunk.PayloadOneofCase.Info)
                header = chunk.Info;
            hash.AppendData(chunk.Data.Span);
            bytes += chunk.Data.Length;
        }
        if (header is null)
            throw new RpcException(new Status(StatusCode.InvalidArgument, "no header"));
        return (header, bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>Holds the call open, sending nothing, until the client gives up (or the stub stops).</summary>
    public static async Task StallAsync(ServerCallContext context)
    {
        var ended = new TaskCompletionSource();
        await using (context.CancellationToken.Register(ended.SetResult))
            await ended.Task;
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public override Task Download(DownloadRequest request, IServerStreamWriter<DownloadChunk> responseStream, ServerCallContext context) =>
        (OnDownload ?? throw new RpcException(new Status(StatusCode.Unimplemented, "not scripted")))(request, responseStream, context);

    public override Task<UploadResult> Upload(IAsyncStreamReader<UploadChunk> requestStream, ServerCallContext context) =>
        (OnUpload ?? throw new RpcException(new Status(StatusCode.Unimplemented, "not scripted")))(requestStream, context);
}
