using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// The write path into <c>shared_dir</c>. An upload is checked up front (safe name, size cap, no clash with a
/// different file), written to a unique part file under <c>data_dir/tmp</c> by an <see cref="UploadSession"/>,
/// and published only once verified:
/// <list type="number">
/// <item>the fsynced part file is moved to a hidden staging name inside <c>shared_dir</c> (<c>.upload-GUID.part</c>,
/// which the indexer ignores) — a rename when both folders share a file system, a copy when they do not;</item>
/// <item>the staged file is fsynced again (free after a rename) and renamed to its name: that last step is always
/// a rename within one folder, so the file appears atomically, complete, or not at all;</item>
/// <item>the index is rescanned, with the SHA-256 verified on the way in (no second read), so <c>/files</c> and
/// searches show the file at once.</item>
/// </list>
/// </summary>
public sealed class UploadStore(IOptions<PeerOptions> options, FileIndexer indexer)
{
    private readonly Lock _quotaGate = new();
    private long _reserved;

    private readonly string _sharedDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Value.SharedDir));

    /// <summary>Where part files live: <c>data_dir/tmp</c>, never inside <c>shared_dir</c>.</summary>
    public string TempDir { get; } = Path.Combine(Path.GetFullPath(options.Value.DataDir), "tmp");

    /// <summary>Part files older than this were left by a peer that stopped mid-upload; the first transfer after a start deletes them.</summary>
    public static readonly TimeSpan StalePartAge = TimeSpan.FromDays(1);

    /// <summary>
    /// Deletes part files a crash left behind: in <c>data_dir/tmp</c>, and staged <c>.upload-*.part</c> files in
    /// <c>shared_dir</c>. Only old ones, so an upload running in another process is never touched.
    /// </summary>
    public void DeleteStaleParts()
    {
        var cutoff = DateTime.UtcNow - StalePartAge;
        var stale = (Directory.Exists(TempDir) ? Directory.EnumerateFiles(TempDir, "*" + SafeFileName.PartSuffix) : [])
            .Concat(Directory.EnumerateFiles(_sharedDir, ".upload-*" + SafeFileName.PartSuffix))
            .Where(path => File.GetLastWriteTimeUtc(path) < cutoff);
        foreach (var path in stale)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: the next start tries again.
            }
        }
    }

    /// <summary>Validates the announced file and opens a fresh part file for it.</summary>
    /// <exception cref="TransferException">The upload is refused (unsafe name, too large, a clash).</exception>
    public async Task<UploadSession> BeginAsync(UploadRequest request, CancellationToken cancellationToken)
    {
        if (!options.Value.AcceptUploads)
            throw new TransferException(TransferError.Forbidden, "this peer does not accept uploads (accept_uploads is off)");
        var finalPath = SafeFileName.TryCombine(_sharedDir, request.Name, out var problem)
            ?? throw new TransferException(TransferError.InvalidArgument, $"unsafe file name: {problem}");
        if (request.Size < 0)
            throw new TransferException(TransferError.InvalidArgument, "size must not be negative");
        if (request.Size > options.Value.MaxUploadBytes)
            throw new TransferException(TransferError.TooLarge, $"{request.Size} bytes is over this peer's limit of {options.Value.MaxUploadBytes} bytes");
        if (request.Sha256 is not null && !Sha256Hex.IsValid(request.Sha256))
            throw new TransferException(TransferError.InvalidArgument, "sha256 must be 64 hex digits");
        var expected = request with { Sha256 = request.Sha256?.ToLowerInvariant() };
        if (!expected.Overwrite && expected.Sha256 is not null)
            await EnsureNoOtherFileAsync(finalPath, expected.Sha256, cancellationToken);

        var (reservation, cap) = Reserve(finalPath, expected);
        try
        {
            Directory.CreateDirectory(TempDir);
            var partPath = Path.Combine(TempDir, $"{Guid.NewGuid():N}{SafeFileName.PartSuffix}");
            var stream = new FileStream(partPath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 1 << 20, // 64 KiB chunks leave in 1 MiB writes
                PreallocationSize = expected.Size ?? 0,
            });
            return new UploadSession(this, expected, partPath, finalPath, stream, reservation, cap);
        }
        catch
        {
            Release(reservation);
            throw;
        }
    }

    /// <summary>
    /// Refuses a file that would take <c>shared_dir</c> (every file in it, plus the uploads in progress, plus the incoming
    /// one, minus the file an overwrite replaces) over <c>max_shared_bytes</c>; otherwise reserves its size until its
    /// session ends. An upload of unannounced size (HTTP without Content-Length) reserves all the room left, up to
    /// <c>max_upload_bytes</c>, and may send no more. Returns the bytes reserved (0 without a quota) and the session's cap.
    /// </summary>
    private (long Reservation, long Cap) Reserve(string finalPath, UploadRequest request)
    {
        var quota = options.Value.MaxSharedBytes;
        if (quota <= 0)
            return (0, MaxUploadBytes);
        lock (_quotaGate)
        {
            var used = new DirectoryInfo(_sharedDir)
                .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
                .Sum(f => f.Length) + _reserved;
            if (request.Overwrite && File.Exists(finalPath))
                used -= new FileInfo(finalPath).Length;
            var size = request.Size ?? Math.Min(MaxUploadBytes, quota - used);
            if (used + size > quota || (request.Size is null && size <= 0))
                throw new TransferException(TransferError.QuotaExceeded,
                    $"{request.Size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "an upload of unknown size"} " +
                    $"would take the shared folder over its quota of {quota} bytes ({used} bytes used or being uploaded)");
            _reserved += size;
            return (size, Math.Min(size, MaxUploadBytes));
        }
    }

    /// <summary>Gives back what <see cref="Reserve"/> took, when an upload session ends.</summary>
    internal void Release(long reservation)
    {
        lock (_quotaGate)
            _reserved -= reservation;
    }

    /// <summary>Bytes an upload of unannounced size may send (<c>max_upload_bytes</c>).</summary>
    internal long MaxUploadBytes => options.Value.MaxUploadBytes;

    /// <summary>Moves a verified, fsynced part file into <c>shared_dir</c> (see the class summary) and reindexes.</summary>
    /// <param name="request">The upload with its size and SHA-256 as received.</param>
    internal async Task PublishAsync(UploadRequest request, string partPath, string finalPath, CancellationToken cancellationToken)
    {
        var staged = Path.Combine(_sharedDir, $".upload-{Guid.NewGuid():N}{SafeFileName.PartSuffix}");
        try
        {
            File.Move(partPath, staged);
            using (var copy = new FileStream(staged, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0))
                copy.Flush(flushToDisk: true);
            try
            {
                File.Move(staged, finalPath, request.Overwrite);
            }
            catch (IOException) when (!request.Overwrite && (File.Exists(finalPath) || Directory.Exists(finalPath)))
            {
                // Another upload of the same name won the race: fine if it holds the same bytes.
                await EnsureNoOtherFileAsync(finalPath, request.Sha256!, cancellationToken);
            }
        }
        finally
        {
            File.Delete(staged);
        }
        // The file is in place: publish it even if the caller has left.
        await indexer.AddVerifiedAsync(finalPath, request.Sha256!, CancellationToken.None);
    }

    /// <summary>Refuses when <paramref name="path"/> holds anything but a regular file with this SHA-256.</summary>
    private static async Task EnsureNoOtherFileAsync(string path, string sha256, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
            throw new TransferException(TransferError.AlreadyExists, "a folder of that name exists");
        var existing = new FileInfo(path);
        if (!existing.Exists)
            return;
        if (existing.LinkTarget is not null)
            throw new TransferException(TransferError.AlreadyExists, "a link of that name exists");
        if (!UnixFileType.IsRegularFile(path)) // a FIFO would block the hash below for good
            throw new TransferException(TransferError.AlreadyExists, "something other than a regular file has that name");
        string current;
        try
        {
            current = await Sha256Hex.OfFileAsync(path, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return; // deleted meanwhile
        }
        if (!string.Equals(current, sha256, StringComparison.Ordinal))
            throw new TransferException(TransferError.AlreadyExists, "a different file of that name is shared; upload with overwrite to replace it");
    }
}
