using System.Diagnostics;
using System.Security.Cryptography;
using Grpc.Core;
using OrleansP2P.Cli.Transfer;
using OrleansP2P.Protos;

namespace OrleansP2P.Bench;

/// <summary>The <c>Download</c> RPC with nothing written to disk: what gRPC (and optionally hashing) alone allow.</summary>
public static class WireOnly
{
    public static async Task<TimeSpan> DownloadAsync(GrpcTarget source, string name, bool hash)
    {
        using var channel = source.CreateChannel();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var started = Stopwatch.GetTimestamp();
        using var call = new FileTransfer.FileTransferClient(channel).Download(new DownloadRequest { Name = name });
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            if (hash && chunk.PayloadCase == DownloadChunk.PayloadOneofCase.Data)
                sha.AppendData(chunk.Data.Span);
        }
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>The original <c>DummyUpload</c> (the peer counts and stores nothing) with <paramref name="chunkSize"/> messages.</summary>
    public static async Task<TimeSpan> DummyUploadAsync(GrpcTarget target, long bytes, int chunkSize)
    {
        using var channel = target.CreateChannel();
        var data = Google.Protobuf.ByteString.CopyFrom(new byte[chunkSize]);
        var started = Stopwatch.GetTimestamp();
        using var call = new FileTransfer.FileTransferClient(channel).DummyUpload();
        for (long sent = 0; sent < bytes; sent += chunkSize)
            await call.RequestStream.WriteAsync(new FileChunk { Data = data });
        await call.RequestStream.CompleteAsync();
        if ((await call.ResponseAsync).ReceivedBytes < bytes)
            throw new InvalidOperationException("the peer counted fewer bytes than were sent");
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>The original <c>DummyDownload</c> (64 KiB messages), received and dropped: the chunk-size comparison.</summary>
    public static async Task<TimeSpan> DummyDownloadAsync(GrpcTarget source, string name)
    {
        using var channel = source.CreateChannel();
        var started = Stopwatch.GetTimestamp();
        using var call = new FileTransfer.FileTransferClient(channel).DummyDownload(new FileRequest { Filename = name });
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }
        return Stopwatch.GetElapsedTime(started);
    }
}
