using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OrleansP2P.Swarm.Pieces;

/// <summary>
/// The file a download writes verified pieces into, each at its offset (<see cref="RandomAccess"/>, no shared
/// position, so every worker writes at once). It is as long as the content from the start; unwritten ranges are holes.
/// On Linux whole pieces go through a second, direct (O_DIRECT) handle: straight from the piece's buffer to the disk,
/// without the copy into the page cache that costs more CPU per byte here than a SHA-256 pass, and without the page
/// cache filling with a file that is synced at the end anyway. Reads, the short last piece and file systems that refuse
/// direct I/O use the ordinary handle; fsync on it covers both (it is one file).
/// </summary>
internal sealed class PartFile : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly SafeFileHandle? _direct;
    private volatile bool _directRefused;

    private PartFile(string path, SafeFileHandle handle, SafeFileHandle? direct, bool kept)
    {
        Path = path;
        _handle = handle;
        _direct = direct;
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
        var handle = File.OpenHandle(path, kept ? FileMode.Open : FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            if (!kept)
                RandomAccess.SetLength(handle, size);
            return new PartFile(path, handle, DirectWrites.TryOpen(path), kept);
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
        var bytes = buffer.Span[..length];
        if (_direct is not null && !_directRefused && length % PieceBuffer.Alignment == 0 && offset % PieceBuffer.Alignment == 0)
        {
            try
            {
                RandomAccess.Write(_direct, bytes, offset);
                return;
            }
            catch (IOException)
            {
                _directRefused = true; // this file system takes no direct writes after all; a real failure recurs below
            }
        }
        RandomAccess.Write(_handle, bytes, offset);
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

    public void Dispose()
    {
        _direct?.Dispose();
        _handle.Dispose();
    }

    /// <summary>A write-only handle with O_DIRECT set (Linux only; its value differs by architecture).</summary>
    private static class DirectWrites
    {
        private const int GetFlags = 3, SetFlags = 4; // F_GETFL, F_SETFL

        public static SafeFileHandle? TryOpen(string path)
        {
            var direct = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 or Architecture.X86 => 0x4000,
                Architecture.Arm64 or Architecture.Arm => 0x10000,
                _ => 0,
            };
            if (!OperatingSystem.IsLinux() || direct == 0)
                return null;
            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            var fd = (int)handle.DangerousGetHandle();
            var flags = Fcntl(fd, GetFlags, 0);
            if (flags >= 0 && Fcntl(fd, SetFlags, flags | direct) == 0)
                return handle;
            handle.Dispose(); // the file system has no direct I/O (EINVAL): ordinary writes only
            return null;
        }

        [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int Fcntl(int fd, int command, int argument);
    }
}
