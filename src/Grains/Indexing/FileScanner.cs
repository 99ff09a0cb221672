using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Indexing;

/// <summary>
/// Scans the top of a shared folder: regular files only (no subfolders, dotfiles, <c>.part</c>
/// files, symlinks, FIFOs, sockets or device nodes). Hashes new or changed files in parallel and
/// reuses the hash of files whose size and modification time did not change.
/// </summary>
public sealed class FileScanner
{
    private readonly ConcurrentDictionary<string, (long Size, long MtimeTicks, FileEntry Entry)> _known = new(StringComparer.Ordinal);

    /// <summary>Files hashed since this scanner was made (tests use it to see that unchanged files are not re-hashed).</summary>
    public int HashedCount => _hashed;

    private int _hashed;

    public static bool IsShareable(FileInfo file) =>
        !file.Name.StartsWith('.')
        && !file.Name.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
        && file.LinkTarget is null
        && (file.Attributes & (FileAttributes.Directory | FileAttributes.ReparsePoint | FileAttributes.Device)) == 0
        && UnixFileType.IsRegularFile(file.FullName); // last: a system call, and what keeps a FIFO from hanging the scan

    /// <summary>
    /// Records the SHA-256 of a file this peer just wrote and verified, so the next scan reuses it instead of
    /// reading the file again (as long as its size and modification time stay the same).
    /// </summary>
    public void Remember(FileInfo file, string sha256)
    {
        file.Refresh();
        if (!file.Exists || !IsShareable(file))
            return;
        var entry = new FileEntry(file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc).ToUnixTimeSeconds(), sha256,
            file.Extension.ToLowerInvariant());
        _known[file.Name] = (file.Length, file.LastWriteTimeUtc.Ticks, entry);
    }

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
            var sha256 = await Sha256Hex.OfFileAsync(file.FullName, cancellationToken);
            Interlocked.Increment(ref _hashed);

            file.Refresh();
            if (!file.Exists || file.Length != size || file.LastWriteTimeUtc.Ticks != mtime)
                return null; // Changed while hashing: the watcher or the next rescan picks it up again.

            var entry = new FileEntry(file.Name, size, new DateTimeOffset(file.LastWriteTimeUtc).ToUnixTimeSeconds(), sha256,
                file.Extension.ToLowerInvariant());
            _known[file.Name] = (size, mtime, entry);
            return entry;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // Vanished or unreadable: not shareable right now.
        }
    }
}
