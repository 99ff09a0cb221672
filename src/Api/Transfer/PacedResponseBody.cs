using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// The response body while a file result sends a shared file: counts the bytes into the transfer's
/// <see cref="TransferMeter"/> and keeps to <see cref="UploadRateLimit"/>. Unlimited, the file goes through the
/// server's own <c>SendFileAsync</c> (the kernel's sendfile where the server has it), in slices so the board sees
/// progress; limited, it is read in <see cref="UploadRateLimit.ChunkSize"/> pieces straight into the response pipe,
/// each sent once the bucket grants it. A <c>HEAD</c> request sends nothing.
/// </summary>
internal sealed class PacedResponseBody(IHttpResponseBodyFeature inner, UploadRateLimit limit, TransferMeter meter, bool head)
    : IHttpResponseBodyFeature
{
    /// <summary>Bytes per call to the server's <c>SendFileAsync</c> when unlimited.</summary>
    private const long SendFileSlice = 4 << 20;

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
        if (!limit.IsLimited)
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
            var chunk = (int)Math.Min(remaining, limit.ChunkSize);
            await limit.AcquireAsync(chunk, cancellationToken);
            var read = await file.ReadAtLeastAsync(inner.Writer.GetMemory(chunk)[..chunk], chunk, throwOnEndOfStream: true, cancellationToken);
            inner.Writer.Advance(read);
            var flushed = await inner.Writer.FlushAsync(cancellationToken);
            meter.Bytes += read;
            remaining -= read;
            if (flushed.IsCompleted || flushed.IsCanceled)
                throw new OperationCanceledException("the client stopped reading");
        }
    }
}
