using System.Runtime.InteropServices;

namespace OrleansP2P.Contracts.Files;

/// <summary>
/// Makes a rename durable. A file renamed into a folder has its new name on disk only once the folder itself is
/// fsynced: flushing the file alone keeps its bytes but a crash may still lose the entry (the file is then gone, or
/// back under its old name). Linux only, where a folder opens read-only and fsyncs like a file; elsewhere a no-op.
/// </summary>
public static class DirectorySync
{
    private const int ReadOnly = 0;            // O_RDONLY
    private const int CloseOnExec = 0x80000;   // O_CLOEXEC, the same on x86-64 and arm64
    private const int NotSupported = 22;       // EINVAL: this file system cannot fsync a folder

    /// <summary>Flushes the entries of <paramref name="directory"/> to disk; false where the platform cannot.</summary>
    /// <exception cref="IOException">The folder cannot be opened or flushed.</exception>
    public static bool Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
            return false;
        var fd = Open(directory, ReadOnly | CloseOnExec);
        if (fd < 0)
            throw Failure("open", directory);
        try
        {
            if (Fsync(fd) == 0)
                return true;
            if (Marshal.GetLastPInvokeError() == NotSupported)
                return false;
            throw Failure("fsync", directory);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static IOException Failure(string call, string directory) =>
        new($"{call} of the folder '{directory}' failed: {Marshal.GetLastPInvokeErrorMessage()}", Marshal.GetLastPInvokeError());

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
