using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// The only way to reach bytes in <c>shared_dir</c>: names come from the index (never from a
/// client), and the joined path is checked to sit directly inside the shared folder.
/// </summary>
public sealed class FileStore(IOptions<PeerOptions> options)
{
    public const int DefaultBufferSize = 1 << 20;

    private readonly string _sharedDir = Path.GetFullPath(options.Value.SharedDir);

    /// <summary>The full path of an indexed file, or null when its name would not sit directly in <c>shared_dir</c>.</summary>
    public string? PathOf(FileEntry entry)
    {
        var path = Path.GetFullPath(Path.Join(_sharedDir, entry.Name));
        return string.Equals(Path.GetDirectoryName(path), _sharedDir.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)
            ? path
            : null;
    }

    /// <summary>Opens an indexed file for reading, or returns null when it vanished since indexing.</summary>
    public FileStream? OpenRead(FileEntry entry, int bufferSize = DefaultBufferSize)
    {
        if (PathOf(entry) is not { } path)
            return null;
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
