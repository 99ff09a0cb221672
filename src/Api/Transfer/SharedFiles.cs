using Microsoft.Extensions.Options;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// The read side of transfers (gRPC <c>Download</c>, <c>GET /files/{name}</c>, <c>GET /content/{sha256}</c>): a name
/// is resolved through the peer's index only, never joined to a path as given, a content through the indexer's
/// content lookup, and the file must still be what was indexed.
/// </summary>
public sealed class SharedFiles(IGrainFactory grains, FileStore store, FileIndexer indexer, IOptions<PeerOptions> options)
{
    /// <summary>Finds a shared file through the index and opens it for reading.</summary>
    /// <exception cref="TransferException">No such shared file (NotFound), or no name at all (InvalidArgument).</exception>
    public async Task<(FileEntry Entry, FileStream Stream)> OpenAsync(string name)
    {
        var entry = await FindAsync(name);
        var stream = store.OpenRead(entry);
        if (stream is null || stream.Length != entry.Size)
        {
            stream?.Dispose();
            throw Changed(entry);
        }
        return (entry, stream);
    }

    /// <summary>Finds a shared file through the index and where it is on disk.</summary>
    /// <exception cref="TransferException">No such shared file (NotFound), or no name at all (InvalidArgument).</exception>
    public async Task<LocatedFile> LocateAsync(string name) => Locate(await FindAsync(name));

    /// <summary>Finds a shared file whose content has <paramref name="sha256"/> (lower-case hex) and where it is on disk.</summary>
    /// <exception cref="TransferException">This peer shares no such content (NotFound).</exception>
    public LocatedFile LocateContent(string sha256) =>
        Locate(indexer.FindContent(sha256)?.Entry ?? throw new TransferException(TransferError.NotFound, "no shared file has that SHA-256"));

    private async Task<FileEntry> FindAsync(string name)
    {
        if (string.IsNullOrEmpty(name))
            throw new TransferException(TransferError.InvalidArgument, "a file name is required");
        if (name.Length > SafeFileName.MaxLength)
            throw new TransferException(TransferError.InvalidArgument, $"the file name is longer than {SafeFileName.MaxLength} characters");
        return await grains.GetPeer(options.Value.Name).FindFile(name)
            ?? throw new TransferException(TransferError.NotFound, "no shared file of that name"); // never echoed: /transfers shows details
    }

    private LocatedFile Locate(FileEntry entry)
    {
        var path = store.PathOf(entry);
        return path is not null && new FileInfo(path) is { Exists: true } file && file.Length == entry.Size
            ? new LocatedFile(entry, path)
            : throw Changed(entry);
    }

    private static TransferException Changed(FileEntry entry) =>
        new(TransferError.NotFound, $"'{entry.Name}' changed or vanished since it was indexed");
}
