using System.Runtime.InteropServices;

namespace OrleansP2P.Grains.Indexing;

/// <summary>
/// Whether a path is a regular file, asked of the kernel without opening it. .NET reports no file
/// type on Unix (a FIFO, socket or device node has the same attributes as a regular file), and
/// opening a FIFO for reading blocks until a writer comes: one in <c>shared_dir</c> would hang the
/// indexer for good. Linux only (<c>statx</c>, whose layout is the same on every architecture);
/// elsewhere, and where the kernel lacks <c>statx</c>, the attribute checks alone decide.
/// </summary>
public static class UnixFileType
{
    private const int CurrentDirectory = -100;   // AT_FDCWD
    private const int DoNotFollowLinks = 0x100;  // AT_SYMLINK_NOFOLLOW
    private const uint TypeField = 0x1;          // STATX_TYPE
    private const int StatxSize = 256;           // sizeof(struct statx)
    private const int ModeOffset = 28;           // offsetof(struct statx, stx_mode), a __u16
    private const int TypeMask = 0xF000;         // S_IFMT
    private const int Regular = 0x8000;          // S_IFREG
    private const int NotImplemented = 38;       // ENOSYS

    public static bool IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
            return true;
        var buffer = new byte[StatxSize];
        try
        {
            if (Statx(CurrentDirectory, path, DoNotFollowLinks, TypeField, buffer) != 0)
                return Marshal.GetLastPInvokeError() == NotImplemented; // otherwise gone or unreadable: not shareable now
        }
        catch (EntryPointNotFoundException)
        {
            return true; // a C library without statx
        }
        return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) == Regular;
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(
        int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
