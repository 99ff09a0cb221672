using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Protos;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// gRPC file transfer. Downloads resolve names through the peer's index only; uploads go through
/// <see cref="UploadStore"/> (safe names, part files, verification, atomic publish). This class only moves messages;
/// downloads keep to <c>upload_rate_limit</c> (<see cref="UploadRateLimit"/>, shared with the HTTP downloads).
/// </summary>
public sealed partial class FileTransferService(
    SharedFiles files,
    UploadStore uploads,
    TransferBoard board,
    UploadRateLimit limit,
    ILogger<FileTransferService> logger) : FileTransfer.FileTransferBase
{
    /// <summary>The original protocol's chunk size.</summary>
    public const int DummyChunkSize = 64 * 1024;

    /// <summary>
    /// Data bytes per <c>Download</c> message: less than the 1 MiB the contract allows, and faster (bench/README.md). Each
    /// message is a new buffer on the receiving side, and below 85 000 bytes that is a cheap gen-0 allocation instead of
    /// a large-object one.
    /// </summary>
    public const int ChunkSize = 64 * 1024;

    /// <summary>Most data bytes one <c>Upload</c> message may carry (the contract's limit); more is INVALID_ARGUMENT.</summary>
    public const int MaxUploadChunkSize = 1 << 20;

    /// <summary>Largest message the server accepts: upload chunks of up to 1 MiB (the contract's limit) plus framing.</summary>
    public const int MaxReceiveMessageSize = 2 << 20;

    public const string SizeHeader = "x-file-size";
    public const string Sha256Header = "x-file-sha256";

    public override Task DummyDownload(FileRequest request, IServerStreamWriter<FileChunk> responseStream, ServerCallContext context) =>
        Meter("download", context).RunAsync(async meter =>
        {
            var (entry, stream) = await OpenAsync(meter, request.Filename);
            await using (stream)
            {
                await context.WriteResponseHeadersAsync(new Metadata
                {
                    { SizeHeader, entry.Size.ToString(CultureInfo.InvariantCulture) },
                    { Sha256Header, entry.Sha256 },
                });
                var seq = 0;
                await foreach (var data in ReadChunksAsync(stream, Math.Min(DummyChunkSize, limit.ChunkSize), context.CancellationToken))
                {
                    await limit.AcquireAsync(data.Length, context.CancellationToken);
                    await responseStream.WriteAsync(new FileChunk { Data = UnsafeByteOperations.UnsafeWrap(data), Seq = seq++ },
                        context.CancellationToken);
                    meter.Bytes += data.Length;
                }
            }
            LogTransfer(logger, "DummyDownload", entry.Name, meter.Bytes);
            return 0;
        }).AsRpcAsync();

    public override Task<UploadStatus> DummyUpload(IAsyncStreamReader<FileChunk> requestStream, ServerCallContext context) =>
        Meter("upload", context).RunAsync(async meter =>
        {
            var status = new UploadStatus();
            await foreach (var chunk in requestStream.ReadAllAsync(context.CancellationToken))
            {
                status.ReceivedBytes += chunk.Data.Length;
                status.Chunks++;
                meter.Bytes = status.ReceivedBytes;
            }
            return status;
        }).AsRpcAsync();

    public override Task Download(DownloadRequest request, IServerStreamWriter<DownloadChunk> responseStream, ServerCallContext context) =>
        Meter("download", context).RunAsync(async meter =>
        {
            var (entry, stream) = await OpenAsync(meter, request.Name);
            await using (stream)
            {
                if (request.Offset < 0 || request.Offset > entry.Size)
                    throw new TransferException(TransferError.InvalidArgument, $"offset {request.Offset} is outside 0..{entry.Size}");
                var ct = context.CancellationToken;
                await responseStream.WriteAsync(new DownloadChunk { Info = new FileHeader { Name = entry.Name, Size = entry.Size, Sha256 = entry.Sha256 } }, ct);
                stream.Position = request.Offset;
                await foreach (var data in ReadChunksAsync(stream, Math.Min(ChunkSize, limit.ChunkSize), ct))
                {
                    await limit.AcquireAsync(data.Length, ct);
                    await responseStream.WriteAsync(new DownloadChunk { Data = UnsafeByteOperations.UnsafeWrap(data) }, ct);
                    meter.Bytes += data.Length;
                }
            }
            LogTransfer(logger, "Download", entry.Name, meter.Bytes);
            return 0;
        }).AsRpcAsync();

    public override Task<UploadResult> Upload(IAsyncStreamReader<UploadChunk> requestStream, ServerCallContext context) =>
        Meter("upload", context).RunAsync(async meter =>
        {
            var ct = context.CancellationToken;
            using var idle = new UploadIdleTimer(uploads.IdleTimeout, ct);
            if (!await NextAsync(idle, requestStream))
                throw new TransferException(TransferError.InvalidArgument, "empty upload: the first message must be info");
            if (requestStream.Current.PayloadCase != UploadChunk.PayloadOneofCase.Info)
                throw new TransferException(TransferError.InvalidArgument, "data before info");
            var info = requestStream.Current.Info;
            meter.ShowUploadName(info.Name);
            meter.Size = info.Size;
            await using var session = await uploads.BeginAsync(new UploadRequest(info.Name, info.Size, info.Sha256, info.Overwrite),
                context.GetHttpContext().Connection.RemoteIpAddress, ct);
            var writer = new WriteBehind(data => session.WriteAsync(data, CancellationToken.None));
            try
            {
                while (await NextAsync(idle, requestStream))
                {
                    if (requestStream.Current.PayloadCase != UploadChunk.PayloadOneofCase.Data)
                        throw new TransferException(TransferError.DataLoss, "info sent twice");
                    var data = requestStream.Current.Data;
                    if (data.Length > MaxUploadChunkSize)
                        throw new TransferException(TransferError.InvalidArgument,
                            $"a data message of {data.Length} bytes: chunks are at most 1 MiB ({MaxUploadChunkSize} bytes)");
                    await writer.EnqueueAsync(data.Memory, ct);
                    meter.Bytes = session.ReceivedBytes;
                }
            }
            finally
            {
                await writer.CompleteAsync();
                meter.Bytes = session.ReceivedBytes;
            }
            var sha256 = await session.CommitAsync(ct);
            LogTransfer(logger, "Upload", session.Request.Name, session.ReceivedBytes);
            return new UploadResult { Name = session.Request.Name, ReceivedBytes = session.ReceivedBytes, Chunks = session.Chunks, Sha256 = sha256 };
        }).AsRpcAsync();

    private TransferMeter Meter(string direction, ServerCallContext context) => board.Start(direction, "grpc", context.Peer);

    /// <summary>Opens a shared file and shows its name (as indexed: only a name the index resolved) and size on the board.</summary>
    private async Task<(FileEntry Entry, FileStream Stream)> OpenAsync(TransferMeter meter, string name)
    {
        var (entry, stream) = await files.OpenAsync(name);
        (meter.Name, meter.Size) = (entry.Name, entry.Size);
        return (entry, stream);
    }

    /// <summary>
    /// Reads <paramref name="stream"/> from its position in chunks of <paramref name="chunkSize"/> into one pooled buffer.
    /// Each chunk is valid until the next is requested; gRPC serialises a message before <c>WriteAsync</c> completes.
    /// </summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync(
        Stream stream, int chunkSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            int read;
            while ((read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, chunkSize), chunkSize, throwOnEndOfStream: false, cancellationToken)) > 0)
                yield return buffer.AsMemory(0, read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The next upload message, under the idle timer.</summary>
    private static ValueTask<bool> NextAsync(UploadIdleTimer idle, IAsyncStreamReader<UploadChunk> reader) =>
        idle.ReadAsync(token => new ValueTask<bool>(reader.MoveNext(token)));

    [LoggerMessage(Level = LogLevel.Information, Message = "{Rpc} of {Name}: {Bytes} bytes")]
    private static partial void LogTransfer(ILogger logger, string rpc, string name, long bytes);
}
