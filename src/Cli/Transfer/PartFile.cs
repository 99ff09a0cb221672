using System.Security.Cryptography;

namespace OrleansP2P.Cli.Transfer;

/// <summary>
/// A download in progress: bytes go to <c>NAME.part</c> and are hashed as they are written. Only
/// <see cref="CommitAsync"/> renames the part file to <c>NAME</c>, after checking the announced size and SHA-256;
/// disposing without a commit deletes it, so a cut or corrupt transfer never looks complete.
/// </summary>
public sealed class PartFile : IAsyncDisposable
{
    private readonly FileStream stream;
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly AnnouncedFile announced;
    private bool committed;

    private PartFile(string finalPath, FileStream stream, AnnouncedFile announced)
    {
        FinalPath = finalPath;
        this.stream = stream;
        this.announced = announced;
    }

    public string FinalPath { get; }

    public string PartPath => FinalPath + ".part";

    public long Length { get; private set; }

    /// <param name="finalPath">Where the file goes once verified, from <see cref="SafeFileName.Combine"/>.</param>
    public static PartFile Create(string finalPath, AnnouncedFile announced)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
            var stream = new FileStream(finalPath + ".part", new FileStreamOptions
            {
                Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous,
            });
            return new PartFile(finalPath, stream, announced);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write {finalPath}.part: {e.Message}");
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (announced.Size is { } size && Length + data.Length > size)
            throw new CliException($"the peer sent more than the {size} bytes it announced; discarded {PartPath}");
        await stream.WriteAsync(data, cancellationToken);
        hash.AppendData(data.Span);
        Length += data.Length;
    }

    /// <summary>Verifies size and hash, then renames the part file into place. Returns the SHA-256 (hex).</summary>
    public async Task<string> CommitAsync()
    {
        stream.Flush(flushToDisk: true);
        await stream.DisposeAsync();
        var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (announced.Size is { } size && Length != size)
            throw new CliException($"received {Length} of the {size} bytes announced; discarded {PartPath}");
        if (announced.Sha256 is { } expected && !string.Equals(expected, sha256, StringComparison.Ordinal))
            throw new CliException($"SHA-256 mismatch for {Path.GetFileName(FinalPath)}: expected {expected}, got {sha256}; discarded {PartPath}");
        try
        {
            File.Move(PartPath, FinalPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot rename {PartPath} to {FinalPath}: {e.Message}");
        }
        committed = true;
        return sha256;
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        hash.Dispose();
        if (!committed)
            File.Delete(PartPath);
    }
}
