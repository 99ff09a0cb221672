using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OrleansP2P.Swarm.Pieces;

/// <summary>
/// The file a download writes verified pieces into, each at its offset (<see cref="RandomAccess"/>, no shared
/// position, so every worker writes at once). It is as long as the content from the start, its blocks reserved up
/// front where the file system can (a full disk fails the download before the first byte, not halfway through);
/// unwritten ranges read as zeros. On Linux it writes behind (<see cref="WriteBehind"/>): each write starts the
/// writeback of its own bytes at once and waits for that of the bytes <see cref="WriteBehind.Lag"/> before it, which
/// it then drops from the page cache, so the disk streams the whole download instead of in bursts at each fsync, and
/// a download never fills memory with dirty or cached pages of a file nobody is reading yet (docs/perf-journal.md,
/// "Swarm writes": steadier and faster than direct writes and than leaving writeback to the kernel).
/// </summary>
internal sealed class PartFile : IDisposable
{
    private readonly SafeFileHandle _handle;
    private volatile bool _writeBehindRefused = !OperatingSystem.IsLinux();

    private PartFile(string path, SafeFileHandle handle, bool kept)
    {
        Path = path;
        _handle = handle;
        Kept = kept;
    }

    public string Path { get; }

    /// <summary>An existing part file of the right length was opened as it is (its recorded pieces may be used).</summary>
    public bool Kept { get; }

    /// <summary>Opens the part file, keeping an existing one of <paramref name="size"/> bytes when <paramref name="keep"/>, else starting empty.</summary>
    public static PartFile Open(string path, long size, bool keep)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var kept = keep && File.Exists(path) && new FileInfo(path).Length == size;
        var handle = File.OpenHandle(path, kept ? FileMode.Open : FileMode.Create, FileAccess.ReadWrite, FileShare.Read,
            FileOptions.None, preallocationSize: kept ? 0 : size);
        try
        {
            if (!kept)
                RandomAccess.SetLength(handle, size);
            return new PartFile(path, handle, kept);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Writes the first <paramref name="length"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
    public void Write(PieceBuffer buffer, int length, long offset)
    {
        RandomAccess.Write(_handle, buffer.Span[..length], offset);
        if (!_writeBehindRefused && !WriteBehind.After(_handle, offset, length))
            _writeBehindRefused = true; // hints only: on a file system without them the kernel writes back as usual
    }

    /// <summary>Reads exactly <paramref name="buffer"/>'s length at <paramref name="offset"/>; false when the file ends first.</summary>
    public bool TryRead(Span<byte> buffer, long offset)
    {
        while (buffer.Length > 0)
        {
            var read = RandomAccess.Read(_handle, buffer, offset);
            if (read == 0)
                return false;
            buffer = buffer[read..];
            offset += read;
        }
        return true;
    }

    /// <summary>fsync: every byte written so far is on disk when this returns.</summary>
    public void Flush() => RandomAccess.FlushToDisk(_handle);

    public void Dispose() => _handle.Dispose();

    /// <summary>Write-behind with <c>sync_file_range</c> and <c>posix_fadvise</c> (Linux); durability still comes from fsync.</summary>
    private static class WriteBehind
    {
        /// <summary>How far behind a write the writeback it waits for lies (32 pieces).</summary>
        public const long Lag = 32L << 20;

        private const uint Start = 2, WaitAndStart = 1 | 2 | 4; // SYNC_FILE_RANGE_WRITE; WAIT_BEFORE | WRITE | WAIT_AFTER
        private const int DontNeed = 4; // POSIX_FADV_DONTNEED

        /// <summary>After a write at <paramref name="offset"/>: start its writeback, finish the one <see cref="Lag"/> behind and drop those pages. False when the calls are refused.</summary>
        public static bool After(SafeFileHandle handle, long offset, long length)
        {
            var fd = (int)handle.DangerousGetHandle();
            if (SyncFileRange(fd, offset, length, Start) != 0)
                return false;
            var behind = offset - Lag;
            return behind < 0 || SyncFileRange(fd, behind, length, WaitAndStart) == 0 && Fadvise(fd, behind, length, DontNeed) == 0;
        }

        [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int SyncFileRange(int fd, long offset, long length, uint flags);

        [DllImport("libc", EntryPoint = "posix_fadvise")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int Fadvise(int fd, long offset, long length, int advice);
    }
}
