using Microsoft.Win32.SafeHandles;

namespace OrleansP2P.Swarm.Pieces;

/// <summary>
/// The file a download writes verified pieces into, each at its offset (<see cref="RandomAccess"/>, no shared
/// position, so every worker writes at once). It is as long as the content from the start; unwritten ranges are holes.
/// </summary>
internal sealed class PartFile : IDisposable
{
    private readonly SafeFileHandle _handle;

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
        var handle = File.OpenHandle(path, kept ? FileMode.Open : FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
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

    public void Write(ReadOnlySpan<byte> bytes, long offset) => RandomAccess.Write(_handle, bytes, offset);

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
}
