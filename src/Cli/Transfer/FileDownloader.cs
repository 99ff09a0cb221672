using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using OrleansP2P.Cli.Output;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Protos;

namespace OrleansP2P.Cli.Transfer;

/// <summary>
/// Downloads one file with the <c>Download</c> RPC into a <see cref="PartFile"/>: resumes from the part file's length
/// when the source still announces the SHA-256 recorded beside it (otherwise starts over), and verifies size and
/// SHA-256 before the rename. A file already at the final path is kept when it has the announced SHA-256 (nothing is
/// fetched) and refused otherwise, unless <see cref="Overwrite"/>.
/// </summary>
public sealed class FileDownloader(GrpcTarget source, IProgressBoard progress)
{
    /// <summary>Replace an existing, different file of the same name (<c>--overwrite</c>).</summary>
    public bool Overwrite { get; init; }

    public async Task<DownloadResult> DownloadAsync(string name, string outDirectory, CancellationToken cancellationToken)
    {
        var finalPath = OutputFolder.Combine(outDirectory, name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var channel = source.CreateChannel();
            var client = new FileTransfer.FileTransferClient(channel);
            var (offset, expected) = PartFile.Inspect(finalPath);
            var (call, announced) = offset > 0 ? await TryResumeAsync(client, name, offset, expected, cancellationToken) : default;
            if (call is null || announced is null)
            {
                offset = 0;
                (call, announced) = await StartAsync(client, name, 0, cancellationToken);
            }

            using (call)
            {
                if (await OutputFolder.HoldsAsync(finalPath, announced, Overwrite, cancellationToken))
                    return Result(name, finalPath, announced, announced.Size, started) with { AlreadyPresent = true };
                var line = progress.Add(name, announced.Size, offset);
                await using var part = await PartFile.OpenAsync(finalPath, announced, offset, cancellationToken);
                var writer = new WriteBehind(async data =>
                {
                    await part.WriteAsync(data, CancellationToken.None); // what arrived is kept, even when cancelled
                    line.Advance(data.Length);
                });
                try
                {
                    await foreach (var chunk in call.ResponseStream.ReadAllAsync(cancellationToken))
                    {
                        if (chunk.PayloadCase != DownloadChunk.PayloadOneofCase.Data)
                            throw new CliException($"{source} sent a second header for {name}");
                        await writer.EnqueueAsync(chunk.Data.Memory, cancellationToken);
                    }
                }
                finally
                {
                    await writer.CompleteAsync();
                }
                await part.CommitAsync(Overwrite);
                return Result(name, finalPath, announced, offset, started);
            }
        }
        catch (RpcException e)
        {
            throw TransferErrors.Explain(e, name, source, cancellationToken);
        }
    }

    /// <param name="kept">Bytes that were not fetched this time (a resumed part file, or the whole file already there).</param>
    private DownloadResult Result(string name, string finalPath, AnnouncedFile announced, long kept, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new DownloadResult(name, source.ToString(), finalPath, announced.Size, kept, announced.Sha256,
            Math.Round(elapsed.TotalMilliseconds, 1), Math.Round(Format.MegabytesPerSecondValue(announced.Size - kept, elapsed), 2));
    }

    /// <summary>
    /// Continues from <paramref name="offset"/> if the source still has the file the part file was meant for; when it
    /// changed (another hash, or shorter than the part file) the part file is of no use and nothing is returned.
    /// </summary>
    private async Task<(AsyncServerStreamingCall<DownloadChunk>? Call, AnnouncedFile? Announced)> TryResumeAsync(
        FileTransfer.FileTransferClient client, string name, long offset, string? expectedSha256, CancellationToken cancellationToken)
    {
        try
        {
            var (call, announced) = await StartAsync(client, name, offset, cancellationToken);
            if (announced.Sha256 == expectedSha256)
                return (call, announced);
            call.Dispose();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            // The offset is past the end of the source's file now.
        }
        return default;
    }

    /// <summary>Starts the call and reads its first message, which must be the file's header.</summary>
    private async Task<(AsyncServerStreamingCall<DownloadChunk> Call, AnnouncedFile Announced)> StartAsync(
        FileTransfer.FileTransferClient client, string name, long offset, CancellationToken cancellationToken)
    {
        var call = client.Download(new DownloadRequest { Name = name, Offset = offset }, cancellationToken: cancellationToken);
        try
        {
            if (!await call.ResponseStream.MoveNext(cancellationToken) || call.ResponseStream.Current.PayloadCase != DownloadChunk.PayloadOneofCase.Info)
                throw new CliException($"{source} did not start its answer with the file's header");
            return (call, AnnouncedFile.From(call.ResponseStream.Current.Info));
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }
}
