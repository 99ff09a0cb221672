using System.Globalization;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// <c>max_shared_bytes</c> for uploads: an upload is refused when it would take <c>shared_dir</c> (every file in it,
/// plus the uploads in progress, plus the incoming one, minus the file an overwrite replaces) over the quota; otherwise
/// its size is reserved until its session ends. The reservation is a number only: no disk is set aside for it.
/// </summary>
public sealed class UploadQuota(IOptions<PeerOptions> options)
{
    private readonly Lock _gate = new();
    private readonly string _sharedDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Value.SharedDir));
    private long _reserved;

    /// <summary>Bytes an upload may send at most (<c>max_upload_bytes</c>).</summary>
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    /// <summary>
    /// Reserves room for <paramref name="request"/>. An upload of unannounced size (HTTP without Content-Length) reserves
    /// all the room left, up to <c>max_upload_bytes</c>, and may send no more.
    /// </summary>
    /// <exception cref="TransferException">QuotaExceeded: there is not that much room.</exception>
    public Reservation Reserve(string finalPath, UploadRequest request)
    {
        var quota = options.Value.MaxSharedBytes;
        if (quota <= 0)
            return new Reservation(this, 0, MaxUploadBytes, limitedByQuota: false);
        lock (_gate)
        {
            var used = UsedLocked();
            if (request.Overwrite)
                used -= LengthOf(new FileInfo(finalPath));
            var size = request.Size ?? Math.Min(MaxUploadBytes, quota - used);
            if (used + size > quota || (request.Size is null && size <= 0))
                throw new TransferException(TransferError.QuotaExceeded,
                    $"{request.Size?.ToString(CultureInfo.InvariantCulture) ?? "an upload of unknown size"} " +
                    $"would take the shared folder over its quota of {quota} bytes ({used} bytes used or being uploaded)");
            _reserved += size;
            var cap = Math.Min(size, MaxUploadBytes);
            return new Reservation(this, size, cap, limitedByQuota: cap < MaxUploadBytes);
        }
    }

    /// <summary>
    /// What counts against <c>max_shared_bytes</c> now: every file in <c>shared_dir</c> (subfolders included) plus the
    /// uploads in progress. A download run by the peer checks its size against the same figure.
    /// </summary>
    public long Used()
    {
        lock (_gate)
            return UsedLocked();
    }

    private long UsedLocked() =>
        new DirectoryInfo(_sharedDir)
            .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
            .Sum(LengthOf) + _reserved;

    /// <summary>
    /// A file's length, 0 once it is gone: files come and go while the folder is summed (another upload's write check
    /// creates and deletes a hidden file in it, a user deletes one), and a vanished file takes no room.
    /// </summary>
    private static long LengthOf(FileInfo file)
    {
        try
        {
            return file.Length;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return 0;
        }
    }

    private void Release(long bytes)
    {
        lock (_gate)
            _reserved -= bytes;
    }

    /// <summary>Room held for one upload; disposing gives it back (once).</summary>
    public sealed class Reservation(UploadQuota quota, long bytes, long cap, bool limitedByQuota) : IDisposable
    {
        private int _released;

        /// <summary>Most bytes the upload may send: <c>max_upload_bytes</c>, or less when the quota leaves less room.</summary>
        public long Cap { get; } = cap;

        /// <summary>True when <see cref="Cap"/> comes from the quota rather than <c>max_upload_bytes</c>.</summary>
        public bool LimitedByQuota { get; } = limitedByQuota;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                quota.Release(bytes);
        }
    }
}
