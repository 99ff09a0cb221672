using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Storage;
using OrleansP2P.Protos;

namespace OrleansP2P.Api.Grpc;

/// <summary>gRPC file transfer. Names are resolved through the peer's index only.</summary>
public sealed partial class FileTransferService(
    IGrainFactory grains,
    FileStore store,
    IOptions<PeerOptions> options,
    P2PMetrics metrics,
    ILogger<FileTransferService> logger) : FileTransfer.FileTransferBase
{
    /// <summary>The original protocol's chunk size.</summary>
    public const int DummyChunkSize = 64 * 1024;

    public const string SizeHeader = "x-file-size";
    public const string Sha256Header = "x-file-sha256";

    private const int MaxNameLength = 255;

    public override async Task DummyDownload(FileRequest request, IServerStreamWriter<FileChunk> responseStream, ServerCallContext context)
    {
        var entry = await ResolveAsync(request.Filename);
        var started = Stopwatch.GetTimestamp();
        long sent = 0;
        var outcome = "failed";
        try
        {
            await using var stream = store.OpenRead(entry, DummyChunkSize)
                ?? throw new RpcException(new Status(StatusCode.NotFound, $"'{entry.Name}' is no longer shared"));
            await context.WriteResponseHeadersAsync(new Metadata
            {
                { SizeHeader, entry.Size.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                { Sha256Header, entry.Sha256 },
            });

            var buffer = new byte[DummyChunkSize];
            var seq = 0;
            int read;
            while ((read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, context.CancellationToken)) > 0)
            {
                // The message is serialised before WriteAsync completes, so the buffer can be reused.
                await responseStream.WriteAsync(new FileChunk { Data = UnsafeByteOperations.UnsafeWrap(buffer.AsMemory(0, read)), Seq = seq++ },
                    context.CancellationToken);
                sent += read;
            }
            outcome = "ok";
        }
        finally
        {
            metrics.TransferCompleted("download", outcome, sent, Stopwatch.GetElapsedTime(started));
            LogDownload(logger, entry.Name, sent, outcome);
        }
    }

    public override async Task<UploadStatus> DummyUpload(IAsyncStreamReader<FileChunk> requestStream, ServerCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var status = new UploadStatus();
        var outcome = "failed";
        try
        {
            await foreach (var chunk in requestStream.ReadAllAsync(context.CancellationToken))
            {
                status.ReceivedBytes += chunk.Data.Length;
                status.Chunks++;
            }
            outcome = "ok";
            return status;
        }
        finally
        {
            metrics.TransferCompleted("upload", outcome, status.ReceivedBytes, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<FileEntry> ResolveAsync(string name)
    {
        if (string.IsNullOrEmpty(name))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "filename is required"));
        if (name.Length > MaxNameLength)
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"filename is longer than {MaxNameLength} characters"));
        var entry = await grains.GetPeer(options.Value.Name).FindFile(name);
        if (entry is null)
        {
            metrics.TransferCompleted("download", "rejected", 0, TimeSpan.Zero);
            throw new RpcException(new Status(StatusCode.NotFound, $"no shared file named '{name}'"));
        }
        return entry;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Download of {Name}: {Bytes} bytes, {Outcome}")]
    private static partial void LogDownload(ILogger logger, string name, long bytes, string outcome);
}
