using System.Diagnostics;
using Grpc.Core;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Protos;

namespace OrleansP2P.Cli.Transfer;

/// <summary>
/// Downloads one file with the <c>Download</c> RPC into a <see cref="PartFile"/>: resumes from the part file's length
/// when the source still announces the SHA-256 recorded beside it (otherwise starts over), and verifies size and
/// SHA-256 before the rename. A file already at the final path is kept when it has the announced SHA-256 (nothing is
/// fetched) and refused otherwise, unless <see cref="Overwrite"/>. What is still to fetch must fit in the folder's free
/// space. A source silent for <see cref="IdleTimeout"/> fails the download; the part file stays for the next attempt.
/// </summary>
public sealed class FileDownloader(GrpcTarget source, IProgressBoard progress)
{
    /// <summary>Replace an existing, different file of the same name (<c>--overwrite</c>).</summary>
    public bool Overwrite { get; init; }

    /// <summary>How long the source may send nothing before the download fails (<c>--idle-timeout</c>).</summary>
    public TimeSpan IdleTimeout { get; init; } = IdleGuard.DefaultLimit;

    /// <summary>The free bytes of a folder's file system: the system's answer, or a test's.</summary>
    public Func<string, long?> FreeSpace { get; init; } = Swarm.FreeSpace.Available;

    public async Task<DownloadResult> DownloadAsync(string name, string outDirectory, CancellationToken cancellationToken)
    {
        var finalPath = OutputFolder.Combine(outDirectory, name);
        var started = Stopwatch.GetTimestamp();
        using var idle = new IdleGuard(IdleTimeout, cancellationToken);
        try
        {
            using var channel = source.CreateChannel();
            var client = new FileTransfer.FileTransferClient(channel);
            var (offset, expected) = PartFile.Inspect(finalPath);
            var (call, announced) = offset > 0 ? await TryResumeAsync(client, name, offset, expected, idle) : default;
            if (call is null || announced is null)
            {
                offset = 0;
                (call, announced) = await StartAsync(client, name, 0, idle);
            }

            using (call)
            {
                if (await OutputFolder.HoldsAsync(finalPath, announced, Overwrite, cancellationToken))
                    return DownloadResult.Of(name, source, finalPath, announced, announced.Size, started) with { AlreadyPresent = true };
                DiskSpace.EnsureRoom(finalPath, source.ToString(), announced, offset, FreeSpace);
                var line = progress.Add(name, announced.Size, offset);
                await using var part = await PartFile.OpenAsync(finalPath, announced, offset, cancellationToken);
                await ReceiveAsync(call, part, line, idle, name, cancellationToken);
                await part.CommitAsync(Overwrite);
                return DownloadResult.Of(name, source, finalPath, announced, offset, started);
            }
        }
        catch (Exception e) when (idle.Expired && e is OperationCanceledException or RpcException)
        {
            var part = PartFile.PartPathOf(finalPath);
            throw TransferErrors.Idle(source, $"sending {name}", IdleTimeout, File.Exists(part) ? part : null);
        }
        catch (RpcException e)
        {
            throw TransferErrors.Explain(e, name, source, cancellationToken);
        }
    }

    /// <summary>
    /// Appends every data message to <paramref name="part"/>. Chunks are stored behind the receive loop; all that
    /// arrived is stored before this returns or throws, also when cancelled, so a resume fetches none of it again.
    /// </summary>
    private async Task ReceiveAsync(AsyncServerStreamingCall<DownloadChunk> call, PartFile part, ITransferProgress line, IdleGuard idle,
        string name, CancellationToken cancellationToken)
    {
        var writer = new WriteBehind(async data =>
        {
            await part.WriteAsync(data, CancellationToken.None);
            line.Advance(data.Length);
        });
        try
        {
            while (await idle.WaitAsync(call.ResponseStream.MoveNext))
            {
                var chunk = call.ResponseStream.Current;
                if (chunk.PayloadCase != DownloadChunk.PayloadOneofCase.Data)
                    throw new CliException($"{source} sent a second header for {name}");
                await writer.EnqueueAsync(chunk.Data.Memory, cancellationToken);
            }
        }
        finally
        {
            await writer.CompleteAsync();
        }
    }

    /// <summary>
    /// Continues from <paramref name="offset"/> if the source still has the file the part file was meant for; when it
    /// changed (another hash, or shorter than the part file) the part file is of no use and nothing is returned.
    /// </summary>
    private async Task<(AsyncServerStreamingCall<DownloadChunk>? Call, AnnouncedFile? Announced)> TryResumeAsync(
        FileTransfer.FileTransferClient client, string name, long offset, string? expectedSha256, IdleGuard idle)
    {
        try
        {
            var (call, announced) = await StartAsync(client, name, offset, idle);
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
        FileTransfer.FileTransferClient client, string name, long offset, IdleGuard idle)
    {
        var call = client.Download(new DownloadRequest { Name = name, Offset = offset }, cancellationToken: idle.Token);
        try
        {
            if (!await idle.WaitAsync(call.ResponseStream.MoveNext) || call.ResponseStream.Current.PayloadCase != DownloadChunk.PayloadOneofCase.Info)
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
