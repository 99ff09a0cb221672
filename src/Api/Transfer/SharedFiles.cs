using Microsoft.Extensions.Options;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// The read side of transfers (gRPC <c>Download</c> and <c>GET /files/{name}</c>): a name is resolved through the
/// peer's index only, never joined to a path as given, and the file must still be what was indexed.
/// </summary>
public sealed class SharedFiles(IGrainFactory grains, FileStore store, IOptions<PeerOptions> options)
{
    /// <summary>Finds a shared file through the index and opens it for reading.</summary>
    /// <exception cref="TransferException">No such shared file (NotFound), or no name at all (InvalidArgument).</exception>
    public async Task<(FileEntry Entry, FileStream Stream)> OpenAsync(string name)
    {
        if (string.IsNullOrEmpty(name))
            throw new TransferException(TransferError.InvalidArgument, "a file name is required");
        if (name.Length > SafeFileName.MaxLength)
            throw new TransferException(TransferError.InvalidArgument, $"the file name is longer than {SafeFileName.MaxLength} characters");
        var entry = await grains.GetPeer(options.Value.Name).FindFile(name)
            ?? throw new TransferException(TransferError.NotFound, "no shared file of that name"); // never echoed: /transfers shows details
        var stream = store.OpenRead(entry);
        if (stream is null || stream.Length != entry.Size)
        {
            stream?.Dispose();
            throw new TransferException(TransferError.NotFound, $"'{entry.Name}' changed or vanished since it was indexed");
        }
        return (entry, stream);
    }
}
