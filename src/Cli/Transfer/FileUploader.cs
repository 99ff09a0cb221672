using System.Diagnostics;
using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using OrleansP2P.Cli.Output;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Protos;

namespace OrleansP2P.Cli.Transfer;

/// <summary>
/// Uploads one local file with the <c>Upload</c> RPC: hashes it first (the header carries the SHA-256), then streams
/// it in chunks. The receiving peer verifies and publishes it atomically; its answer is checked against what was sent.
/// A peer that takes nothing (or does not answer) for <see cref="IdleTimeout"/> fails the upload.
/// </summary>
public sealed class FileUploader(GrpcTarget target, IProgressBoard progress)
{
    /// <summary>Data bytes per message: 64 KiB, like the peers' downloads (small buffers are cheap to receive).</summary>
    public const int ChunkSize = 64 * 1024;

    /// <summary>How long the peer may take nothing before the upload fails (<c>--idle-timeout</c>).</summary>
    public TimeSpan IdleTimeout { get; init; } = IdleGuard.DefaultLimit;


    public async Task<UploadOutcome> UploadAsync(string path, bool overwrite, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        if (SafeFileName.Problem(name) is { } problem)
            throw CliException.Usage($"cannot upload '{name}': {problem}");
        var started = Stopwatch.GetTimestamp();
        using var idle = new IdleGuard(IdleTimeout, cancellationToken);
        try
        {
            await using var file = OpenLocal(path);
            var sha256 = await HashAsync(file, name, cancellationToken);
            file.Position = 0;

            var header = new FileHeader { Name = name, Size = file.Length, Sha256 = sha256, Overwrite = overwrite };
            using var channel = target.CreateChannel();
            using var call = new FileTransfer.FileTransferClient(channel).Upload(
                new CallOptions(credentials: CliCredentials.UploadSigning(header), cancellationToken: idle.Token));
            var result = await SendAsync(call, header, file, idle, cancellationToken);
            if (result.ReceivedBytes != file.Length || !string.Equals(result.Sha256, sha256, StringComparison.OrdinalIgnoreCase))
                throw new CliException($"{target} confirmed {result.ReceivedBytes} bytes with SHA-256 {result.Sha256}, not what was sent");
            var elapsed = Stopwatch.GetElapsedTime(started);
            return new UploadOutcome(result.Name, target.ToString(), result.ReceivedBytes, result.Chunks, result.Sha256,
                Math.Round(elapsed.TotalMilliseconds, 1), Math.Round(Format.MegabytesPerSecondValue(result.ReceivedBytes, elapsed), 2));
        }
        catch (Exception e) when (idle.Expired && e is OperationCanceledException or RpcException)
        {
            throw TransferErrors.Idle(target, $"receiving {name}", IdleTimeout);
        }
        catch (RpcException e)
        {
            throw TransferErrors.Explain(e, name, target, cancellationToken);
        }
    }

    /// <summary>Sends the header and the file; every write the peer must take, and its answer, is a wait on the peer.</summary>
    private async Task<UploadResult> SendAsync(AsyncClientStreamingCall<UploadChunk, UploadResult> call, FileHeader header, FileStream file,
        IdleGuard idle, CancellationToken cancellationToken)
    {
        var line = progress.Add($"upload {header.Name}", header.Size);
        var buffer = new byte[ChunkSize];
        try
        {
            await idle.WaitAsync(token => call.RequestStream.WriteAsync(new UploadChunk { Info = header }, token));
            int read;
            while ((read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken)) > 0)
            {
                // The message is serialised before WriteAsync completes, so the buffer can be reused.
                var chunk = new UploadChunk { Data = UnsafeByteOperations.UnsafeWrap(buffer.AsMemory(0, read)) };
                await idle.WaitAsync(token => call.RequestStream.WriteAsync(chunk, token));
                line.Advance(read);
            }
            await idle.WaitAsync(_ => call.RequestStream.CompleteAsync());
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or OperationCanceledException && !idle.Token.IsCancellationRequested)
        {
            // The peer ended the call early (a refusal): its status, awaited below, says why. A write still pending
            // when the status arrives fails as cancelled, though neither the user nor the idle guard cancelled it.
        }
        return await idle.WaitAsync(_ => call.ResponseAsync);
    }

    private async Task<string> HashAsync(FileStream file, string name, CancellationToken cancellationToken)
    {
        var line = progress.Add($"sha256 {name}", file.Length);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ChunkSize];
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            line.Advance(read);
        }
        return Sha256Hex.Finish(hash);
    }

    private static FileStream OpenLocal(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {path}: {e.Message}");
        }
    }
}
