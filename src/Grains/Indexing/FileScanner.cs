using System.Collections.Concurrent;
using System.Collections.Immutable;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Indexing;

/// <summary>
/// Scans the top of a shared folder: regular files only (no subfolders, dotfiles, <c>.part</c>
/// files, symlinks, FIFOs, sockets or device nodes). Hashes new or changed files in parallel, each in one read that
/// gives its SHA-256 and its piece tree (<see cref="FileHashes"/>), and reuses the hashes of files whose size and
/// modification time did not change. The piece leaves stay here, beside the cache, for <c>/pieces</c>.
/// </summary>
public sealed class FileScanner
{
    private readonly ConcurrentDictionary<string, Known> _known = new(StringComparer.Ordinal);

    /// <summary>Files hashed since this scanner was made (tests use it to see that unchanged files are not re-hashed).</summary>
    public int HashedCount => _hashed;

    private int _hashed;

    public static bool IsShareable(FileInfo file) =>
        MayBeShared(file.Name)
        && file.LinkTarget is null
        && (file.Attributes & (FileAttributes.Directory | FileAttributes.ReparsePoint | FileAttributes.Device)) == 0
        && UnixFileType.IsRegularFile(file.FullName); // last: a system call, and what keeps a FIFO from hanging the scan

    /// <summary>
    /// Whether a file of this name could be shared at all: hidden files and part files (downloads and uploads in progress,
    /// an upload's write check) never are, whatever they hold.
    /// </summary>
    public static bool MayBeShared(string name) =>
        !name.StartsWith('.') && !name.EndsWith(".part", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Records the hashes of a file this peer just wrote and verified, so the next scan reuses them instead of
    /// reading the file again (as long as its size and modification time stay the same).
    /// </summary>
    public void Remember(FileInfo file, FileHashes hashes)
    {
        file.Refresh();
        if (!file.Exists || !IsShareable(file))
            return;
        Keep(file, file.Length, file.LastWriteTimeUtc.Ticks, hashes);
    }

    /// <summary>
    /// The piece leaves of <paramref name="entry"/> as scanned, or null when the file changed or vanished since (a
    /// rescan publishes it anew).
    /// </summary>
    public IReadOnlyList<string>? PiecesOf(FileEntry entry) =>
        _known.TryGetValue(entry.Name, out var known) && known.Entry == entry ? known.Pieces : null;

    public async Task<ImmutableArray<FileEntry>> ScanAsync(string sharedDir, CancellationToken cancellationToken)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = false,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            ReturnSpecialDirectories = false,
        };
        var current = new DirectoryInfo(sharedDir).EnumerateFiles("*", options).Where(IsShareable).ToList();

        var entries = new ConcurrentBag<FileEntry>();
        var toHash = new List<FileInfo>();
        foreach (var file in current)
        {
            if (_known.TryGetValue(file.Name, out var known) && known.Size == file.Length && known.MtimeTicks == file.LastWriteTimeUtc.Ticks)
                entries.Add(known.Entry);
            else
                toHash.Add(file);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(toHash, parallel, async (file, ct) =>
        {
            var entry = await TryHashAsync(file, ct);
            if (entry is not null)
                entries.Add(entry);
        });

        var names = current.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _known.Keys.Where(k => !names.Contains(k)))
            _known.TryRemove(gone, out _);

        return [.. entries.OrderBy(e => e.Name, StringComparer.Ordinal)];
    }

    private async Task<FileEntry?> TryHashAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            long size = file.Length, mtime = file.LastWriteTimeUtc.Ticks;
            var hashes = await FileHashes.OfFileAsync(file.FullName, cancellationToken);
            Interlocked.Increment(ref _hashed);

            file.Refresh();
            if (!file.Exists || file.Length != size || file.LastWriteTimeUtc.Ticks != mtime)
                return null; // Changed while hashing: the watcher or the next rescan picks it up again.
            return Keep(file, size, mtime, hashes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // Vanished or unreadable: not shareable right now.
        }
    }

    private FileEntry Keep(FileInfo file, long size, long mtimeTicks, FileHashes hashes)
    {
        var entry = new FileEntry(file.Name, size, new DateTimeOffset(new DateTime(mtimeTicks, DateTimeKind.Utc)).ToUnixTimeSeconds(),
            hashes.Sha256, file.Extension.ToLowerInvariant(), hashes.Tree);
        _known[file.Name] = new Known(size, mtimeTicks, entry, hashes.Pieces);
        return entry;
    }

    private sealed record Known(long Size, long MtimeTicks, FileEntry Entry, IReadOnlyList<string> Pieces);
}
