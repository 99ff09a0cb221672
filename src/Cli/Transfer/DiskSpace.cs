using OrleansP2P.Cli.Output;

namespace OrleansP2P.Cli.Transfer;

/// <summary>
/// The room a download needs, checked against the free space of the output folder's file system before a byte is
/// written. A source announces the size itself: without this check a hostile one could fill the disk (the part file
/// only stops it at the announced size).
/// </summary>
public static class DiskSpace
{
    /// <summary>Refuses the download when what is still to fetch (the announced size minus <paramref name="kept"/>) does not fit.</summary>
    /// <param name="source">Who announced the size (a peer, or the link being fetched).</param>
    /// <param name="kept">Bytes a resumed part file already holds.</param>
    /// <param name="freeSpace">The free space of a folder (<see cref="Swarm.FreeSpace.Available"/>, or a test's answer).</param>
    public static void EnsureRoom(string finalPath, string source, AnnouncedFile announced, long kept, Func<string, long?> freeSpace)
    {
        var directory = Path.GetDirectoryName(finalPath)!;
        var needed = announced.Size - kept;
        if (freeSpace(directory) is { } free && needed > free)
        {
            throw new CliException($"{directory} has {Format.Bytes(free)} free, too little for {Path.GetFileName(finalPath)}: {source} announces "
                + $"{Format.Bytes(announced.Size)}, {Format.Bytes(needed)} still to fetch; nothing was written");
        }
    }
}
