using System.Threading.RateLimiting;
using OrleansP2P.Contracts.Content;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// One upload in progress: chunks go to a part file of its own under <c>data_dir/tmp</c> and are hashed as they
/// arrive (the SHA-256 and the piece tree, see <see cref="ContentHasher"/>). <see cref="CommitAsync"/> checks size and SHA-256, fsyncs and hands the file to
/// <see cref="UploadStore"/> to publish; disposing without a successful commit deletes the part file, so a cut,
/// cancelled, idle or corrupt upload leaves nothing behind. Disposing also frees its quota reservation and its slot.
/// </summary>
public sealed class UploadSession : IAsyncDisposable
{
    private readonly UploadStore _store;
    private readonly FileStream _part;
    private readonly ContentHasher _hash = new();
    private readonly string _finalPath;

    private readonly UploadQuota.Reservation _reservation;
    private readonly RateLimitLease _slot;

    /// <param name="reservation">The room this upload holds under <c>max_shared_bytes</c>, and the most bytes it may send.</param>
    /// <param name="slot">One of the uploads its client address may have in flight.</param>
    internal UploadSession(
        UploadStore store, UploadRequest request, string partPath, string finalPath, FileStream part, UploadQuota.Reservation reservation,
        RateLimitLease slot)
    {
        _reservation = reservation;
        _slot = slot;
        _store = store;
        Request = request;
        PartPath = partPath;
        _finalPath = finalPath;
        _part = part;
    }

    /// <summary>The announced file, SHA-256 in lower case.</summary>
    public UploadRequest Request { get; }

    public string PartPath { get; }

    public long ReceivedBytes { get; private set; }

    public int Chunks { get; private set; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (Request.Size is { } size && ReceivedBytes + data.Length > size)
            throw new TransferException(TransferError.DataLoss, $"received more than the {size} bytes announced");
        if (ReceivedBytes + data.Length > _reservation.Cap)
            throw _reservation.LimitedByQuota
                ? new TransferException(TransferError.QuotaExceeded, $"the upload would take the shared folder over its quota ({_reservation.Cap} bytes were left)")
                : new TransferException(TransferError.TooLarge, $"the upload is over this peer's limit of {_store.MaxUploadBytes} bytes");
        await _hash.AppendAsync(data);
        try
        {
            await _part.WriteAsync(data, cancellationToken); // into the 1 MiB buffer; a disk write every 16 chunks
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            throw StorageFailure.From(e, "its data folder", midway: true);
        }
        ReceivedBytes += data.Length;
        Chunks++;
    }

    /// <summary>Verifies, fsyncs and publishes the file. Returns its SHA-256 (lower-case hex).</summary>
    /// <exception cref="TransferException">Size or hash mismatch (DATA_LOSS), or a clash found at the last moment.</exception>
    public async Task<string> CommitAsync(CancellationToken cancellationToken)
    {
        if (Request.Size is { } size && ReceivedBytes != size)
            throw new TransferException(TransferError.DataLoss, $"the stream ended after {ReceivedBytes} of the {size} bytes announced");
        var hashes = await _hash.FinishAsync();
        var sha256 = hashes.Sha256;
        if (Request.Sha256 is not null && !string.Equals(sha256, Request.Sha256, StringComparison.Ordinal))
            throw new TransferException(TransferError.DataLoss, $"SHA-256 mismatch: announced {Request.Sha256}, received {sha256}");
        try
        {
            _part.Flush(flushToDisk: true);
            await _part.DisposeAsync();
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            throw StorageFailure.From(e, "its data folder", midway: true);
        }
        await _store.PublishAsync(Request with { Size = ReceivedBytes, Sha256 = sha256 }, hashes, PartPath, _finalPath, cancellationToken);
        return sha256;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _part.DisposeAsync();
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // The write that failed already ended the upload (a full disk); what the buffer held is not wanted.
        }
        _hash.Dispose();
        File.Delete(PartPath); // a no-op after a commit moved it away
        _reservation.Dispose();
        _slot.Dispose();
    }
}
