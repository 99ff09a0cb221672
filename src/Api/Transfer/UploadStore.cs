using System.Net;
using Microsoft.Extensions.Options;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// The write path into <c>shared_dir</c>. An upload is checked up front (safe name, size cap, <see cref="UploadQuota"/>,
/// no clash with a different file: <see cref="UploadClashCheck"/>), written to a unique part file under
/// <c>data_dir/tmp</c> by an <see cref="UploadSession"/>, and published only once verified:
/// <list type="number">
/// <item>the fsynced part file is moved to a hidden staging name inside <c>shared_dir</c> (<c>.upload-GUID.part</c>,
/// which the indexer ignores) — a rename when both folders share a file system, a copy when they do not;</item>
/// <item>the staged file is fsynced again (free after a rename) and renamed to its name: that last step is always
/// a rename within one folder, so the file appears atomically, complete, or not at all; the folder is fsynced after
/// it, so the name survives a crash too;</item>
/// <item>the index is rescanned, with the SHA-256 and piece tree computed on the way in (no second read), so <c>/files</c> and
/// searches show the file at once.</item>
/// </list>
/// </summary>
public sealed class UploadStore(
    IOptions<PeerOptions> options, FileIndexer indexer, UploadQuota quota, UploadClashCheck clashes, UploadSlots slots)
{
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
            DeleteQuietly(path); // best effort: the next start tries again
    }

    /// <summary>How long an upload may receive nothing before it is cut (<c>upload_idle_timeout_s</c>).</summary>
    public TimeSpan IdleTimeout => TimeSpan.FromSeconds(options.Value.UploadIdleTimeoutS);

    /// <summary>
    /// Validates the announced file and opens a fresh part file for it: the checks that cost nothing first, then a slot
    /// of <paramref name="client"/>'s (<see cref="UploadSlots"/>), the quota, then a clash with an existing file of that
    /// name (answered from the index), then whether <c>shared_dir</c> can take a file at all. The part file starts empty:
    /// no disk is set aside before bytes arrive.
    /// </summary>
    /// <exception cref="TransferException">The upload is refused (unsafe name, too large, too many in flight, over the quota, a clash, a folder the peer cannot write).</exception>
    public async Task<UploadSession> BeginAsync(UploadRequest request, IPAddress? client, CancellationToken cancellationToken)
    {
        if (!options.Value.AcceptUploads)
            throw new TransferException(TransferError.Forbidden, "this peer does not accept uploads (accept_uploads is off)");
        var finalPath = SafeFileName.TryCombine(_sharedDir, request.Name, out var problem)
            ?? throw new TransferException(TransferError.InvalidArgument, $"unsafe file name: {problem}");
        if (request.Size < 0)
            throw new TransferException(TransferError.InvalidArgument, "size must not be negative");
        if (request.Size > quota.MaxUploadBytes)
            throw new TransferException(TransferError.TooLarge, $"{request.Size} bytes is over this peer's limit of {quota.MaxUploadBytes} bytes");
        if (request.Sha256 is not null && !Sha256Hex.IsValid(request.Sha256))
            throw new TransferException(TransferError.InvalidArgument, "sha256 must be 64 hex digits");
        var expected = request with { Sha256 = request.Sha256?.ToLowerInvariant() };

        var slot = slots.Take(client);
        UploadQuota.Reservation? reservation = null;
        try
        {
            reservation = quota.Reserve(finalPath, expected);
            if (!expected.Overwrite && expected.Sha256 is not null)
                await clashes.EnsureFreeAsync(finalPath, expected.Sha256, cancellationToken);
            EnsureSharedDirWritable();
            var partPath = Path.Combine(TempDir, $"{Guid.NewGuid():N}{SafeFileName.PartSuffix}");
            FileStream stream;
            try
            {
                Directory.CreateDirectory(TempDir);
                stream = new FileStream(partPath, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    Share = FileShare.None,
                    BufferSize = 1 << 20, // 64 KiB chunks leave in 1 MiB writes
                });
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                throw StorageFailure.From(e, "its data folder", midway: false);
            }
            return new UploadSession(this, expected, partPath, finalPath, stream, reservation, slot);
        }
        catch
        {
            reservation?.Dispose();
            slot.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Refuses an upload before its first byte when <c>shared_dir</c> cannot take a new file (a read-only mount, no
    /// permission), instead of after the whole file has been received: creates and deletes a hidden staging-like file.
    /// </summary>
    private void EnsureSharedDirWritable()
    {
        try
        {
            using var probe = new FileStream(Path.Combine(_sharedDir, $".upload-{Guid.NewGuid():N}{SafeFileName.PartSuffix}"), FileMode.CreateNew,
                FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            throw StorageFailure.From(e, "its shared folder", midway: false);
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // Best effort: a part file left here is deleted by DeleteStaleParts at a later start.
        }
    }

    /// <summary>Bytes an upload of unannounced size may send (<c>max_upload_bytes</c>).</summary>
    internal long MaxUploadBytes => quota.MaxUploadBytes;

    /// <summary>Moves a verified, fsynced part file into <c>shared_dir</c> (see the class summary) and reindexes.</summary>
    /// <param name="request">The upload with its size and SHA-256 as received.</param>
    /// <param name="hashes">Its hashes, piece tree included, computed as it was written.</param>
    internal async Task PublishAsync(UploadRequest request, FileHashes hashes, string partPath, string finalPath, CancellationToken cancellationToken)
    {
        var staged = Path.Combine(_sharedDir, $".upload-{Guid.NewGuid():N}{SafeFileName.PartSuffix}");
        try
        {
            File.Move(partPath, staged);
            using (var copy = new FileStream(staged, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0))
                copy.Flush(flushToDisk: true);
            File.Move(staged, finalPath, request.Overwrite);
            DirectorySync.Flush(_sharedDir); // the new name is on disk too, not only the bytes
        }
        catch (IOException) when (!request.Overwrite && (File.Exists(finalPath) || Directory.Exists(finalPath)))
        {
            // Another upload of the same name won the race: fine if it holds the same bytes.
            await clashes.EnsureFreeAsync(finalPath, request.Sha256!, cancellationToken);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            throw StorageFailure.From(e, "its shared folder", midway: true);
        }
        finally
        {
            DeleteQuietly(staged); // a no-op once renamed; on a read-only folder even that fails, and must not hide why
        }
        // The file is in place: publish it even if the caller has left.
        await indexer.AddVerifiedAsync(finalPath, hashes, CancellationToken.None);
    }
}
