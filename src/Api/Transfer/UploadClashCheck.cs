using Microsoft.Extensions.Options;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// Whether an upload may take its name: nothing is there, or a regular file with the same SHA-256. The peer's index
/// knows the hash of every shared file, so a clash costs one grain call, not a read of the existing file (which a
/// client could otherwise ask for again and again at the price of a header). The file is hashed only when the index
/// does not describe it as it is on disk: not indexed yet, or changed since (another size or modification time).
/// </summary>
public sealed class UploadClashCheck(IGrainFactory grains, IOptions<PeerOptions> options)
{
    /// <summary>Refuses when <paramref name="path"/> holds anything but a regular file with this SHA-256.</summary>
    /// <exception cref="TransferException">AlreadyExists: something else has that name.</exception>
    public async Task EnsureFreeAsync(string path, string sha256, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
            throw new TransferException(TransferError.AlreadyExists, "a folder of that name exists");
        var existing = new FileInfo(path);
        if (!existing.Exists)
            return;
        if (existing.LinkTarget is not null)
            throw new TransferException(TransferError.AlreadyExists, "a link of that name exists");
        if (!UnixFileType.IsRegularFile(path)) // a FIFO would block the hash below for good
            throw new TransferException(TransferError.AlreadyExists, "something other than a regular file has that name");
        var current = await IndexedSha256Async(existing) ?? await HashAsync(path, cancellationToken);
        if (current is not null && !string.Equals(current, sha256, StringComparison.Ordinal))
            throw new TransferException(TransferError.AlreadyExists, "a different file of that name is shared; upload with overwrite to replace it");
    }

    /// <summary>The indexed SHA-256 of <paramref name="file"/>, when the index entry still matches the file on disk.</summary>
    private async Task<string?> IndexedSha256Async(FileInfo file)
    {
        var entry = await grains.GetPeer(options.Value.Name).FindFile(file.Name);
        return entry is not null && entry.Size == file.Length
            && entry.MtimeUnix == new DateTimeOffset(file.LastWriteTimeUtc).ToUnixTimeSeconds()
            ? entry.Sha256
            : null;
    }

    /// <summary>The file's SHA-256, or null when it was deleted meanwhile.</summary>
    private static async Task<string?> HashAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await Sha256Hex.OfFileAsync(path, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
