namespace OrleansP2P.Swarm;

/// <summary>The free space of the file system a download writes to, checked before a byte of it is written.</summary>
public static class FreeSpace
{
    /// <summary>
    /// Bytes this user may still write on the file system holding <paramref name="directory"/>, or its nearest existing
    /// parent when it is not created yet (statvfs on Unix); null when the system gives no answer.
    /// </summary>
    public static long? Available(string directory)
    {
        try
        {
            var existing = new DirectoryInfo(directory);
            while (existing is { Exists: false })
                existing = existing.Parent;
            return existing is null ? null : new DriveInfo(existing.FullName).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null; // an unusual mount or a network path: writing still fails cleanly if the disk fills
        }
    }
}
