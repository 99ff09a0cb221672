using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// The response body while a file result sends a shared file: counts the bytes into the transfer's
/// <see cref="TransferMeter"/> and keeps to <see cref="UploadRateLimit"/>. A server with a native sendfile (HttpSys,
/// IIS) gets the file through its own <c>SendFileAsync</c> when there is no limit, in slices so the board sees
/// progress. Kestrel has none (its <c>SendFileAsync</c> is a 64 KiB buffered copy), so there the file is read straight
/// into the response pipe, which measured about 1.5 times as fast (docs/architecture.md); with a limit, each
/// <see cref="UploadRateLimit.ChunkSize"/> chunk is sent once the bucket grants it. A <c>HEAD</c> request sends nothing.
/// </summary>
internal sealed class PacedResponseBody(IHttpResponseBodyFeature inner, UploadRateLimit limit, TransferMeter meter, bool head)
    : IHttpResponseBodyFeature
{
    /// <summary>Bytes per call to a native <c>SendFileAsync</c>.</summary>
    private const long SendFileSlice = 4 << 20;

    /// <summary>Bytes read into the pipe at a time when nothing limits the rate.</summary>
    private const int CopyChunk = 256 * 1024;

    private static readonly string[] NativeSendFileServers = ["Microsoft.AspNetCore.Server.HttpSys", "Microsoft.AspNetCore.Server.IIS"];

    public Stream Stream => inner.Stream;

    public PipeWriter Writer => inner.Writer;

    public void DisableBuffering() => inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task CompleteAsync() => inner.CompleteAsync();

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        if (head)
            return;
        var remaining = count ?? new FileInfo(path).Length - offset;
        if (!limit.IsLimited && NativeSendFileServers.Contains(inner.GetType().Assembly.GetName().Name))
        {
            for (long slice; remaining > 0; offset += slice, remaining -= slice)
            {
                slice = Math.Min(remaining, SendFileSlice);
                await inner.SendFileAsync(path, offset, slice, cancellationToken);
                meter.Bytes += slice;
            }
            return;
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        file.Position = offset;
        await inner.StartAsync(cancellationToken);
        while (remaining > 0)
        {
            var chunk = (int)Math.Min(remaining, limit.IsLimited ? limit.ChunkSize : CopyChunk);
            await limit.AcquireAsync(chunk, cancellationToken);
            var read = await file.ReadAtLeastAsync(inner.Writer.GetMemory(chunk)[..chunk], chunk, throwOnEndOfStream: false, cancellationToken);
            if (read < chunk)
                throw new TransferException(TransferError.DataLoss, "the file shrank while it was being served");
            inner.Writer.Advance(read);
            var flushed = await inner.Writer.FlushAsync(cancellationToken);
            meter.Bytes += read;
            remaining -= read;
            if (flushed.IsCompleted || flushed.IsCanceled)
                throw new OperationCanceledException("the client stopped reading");
        }
    }
}
