using System.Security.Cryptography;
using OrleansP2P.Contracts.Files;

namespace OrleansP2P.Cli.Transfer;

/// <summary>
/// A download in progress: bytes go to <c>NAME.part</c> and are hashed as they are written; the expected SHA-256 is
/// kept beside it in <c>NAME.part.sha256</c>, so an interrupted download can resume from the part file's length when
/// the source still has that hash. Only <see cref="CommitAsync"/> renames the part file to <c>NAME</c>, after checking
/// size and SHA-256; a mismatch deletes both files, so a corrupt transfer never looks complete. An existing <c>NAME</c>
/// is replaced only when the caller says so.
/// </summary>
public sealed class PartFile : IAsyncDisposable
{
    private const int HashBufferSize = 1 << 20;

    private readonly FileStream _stream;
    private readonly IncrementalHash _hash;
    private readonly AnnouncedFile _announced;
    private bool _closed;

    private PartFile(string finalPath, FileStream stream, IncrementalHash hash, AnnouncedFile announced)
    {
        FinalPath = finalPath;
        _stream = stream;
        _hash = hash;
        _announced = announced;
        Length = stream.Length;
    }

    public string FinalPath { get; }

    public string PartPath => PartPathOf(FinalPath);

    public long Length { get; private set; }

    public static string PartPathOf(string finalPath) => finalPath + ".part";

    public static string HashPathOf(string finalPath) => finalPath + ".part.sha256";

    /// <summary>How far an earlier attempt got: the part file's length and the SHA-256 it was meant to have, if both exist.</summary>
    public static (long Length, string? Sha256) Inspect(string finalPath)
    {
        try
        {
            var part = new FileInfo(PartPathOf(finalPath));
            var sha = File.Exists(HashPathOf(finalPath)) ? File.ReadAllText(HashPathOf(finalPath)).Trim() : null;
            return part.Exists && !string.IsNullOrEmpty(sha) ? (part.Length, sha) : (0, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (0, null);
        }
    }

    /// <summary>
    /// Opens the part file for <paramref name="announced"/>: continues an existing one at <paramref name="offset"/>
    /// (re-hashing what it holds), or starts afresh when <paramref name="offset"/> is 0.
    /// </summary>
    public static async Task<PartFile> OpenAsync(string finalPath, AnnouncedFile announced, long offset, CancellationToken cancellationToken)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        FileStream? stream = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
            stream = new FileStream(PartPathOf(finalPath), new FileStreamOptions
            {
                Mode = offset > 0 ? FileMode.Open : FileMode.Create,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                BufferSize = 1 << 20, // 64 KiB chunks leave in 1 MiB writes
            });
            if (offset > 0)
                await HashPrefixAsync(stream, hash, offset, cancellationToken);
            stream.SetLength(offset);
            stream.Position = offset;
            await File.WriteAllTextAsync(HashPathOf(finalPath), announced.Sha256 + "\n", cancellationToken);
            return new PartFile(finalPath, stream, hash, announced);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream?.Dispose();
            hash.Dispose();
            throw new CliException($"cannot write {PartPathOf(finalPath)}: {e.Message}");
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (Length + data.Length > _announced.Size)
        {
            await DiscardAsync();
            throw new CliException($"the peer sent more than the {_announced.Size} bytes it announced; discarded {PartPath}");
        }
        _hash.AppendData(data.Span);
        await _stream.WriteAsync(data, cancellationToken);
        Length += data.Length;
    }

    /// <summary>
    /// Verifies size and hash, fsyncs, then renames the part file into place. Returns the SHA-256 (hex). Without
    /// <paramref name="overwrite"/>, a file that appeared at the final path meanwhile is left alone (the part file is kept).
    /// </summary>
    public async Task<string> CommitAsync(bool overwrite)
    {
        _stream.Flush(flushToDisk: true);
        var sha256 = Sha256Hex.Finish(_hash);
        if (Length != _announced.Size)
        {
            await DiscardAsync();
            throw new CliException($"received {Length} of the {_announced.Size} bytes announced; discarded {PartPath}");
        }
        if (!string.Equals(_announced.Sha256, sha256, StringComparison.Ordinal))
        {
            await DiscardAsync();
            throw new CliException($"SHA-256 mismatch for {Path.GetFileName(FinalPath)}: expected {_announced.Sha256}, got {sha256}; discarded {PartPath}");
        }
        await CloseAsync();
        try
        {
            File.Move(PartPath, FinalPath, overwrite);
            File.Delete(HashPathOf(FinalPath));
        }
        catch (IOException) when (!overwrite && File.Exists(FinalPath))
        {
            throw OutputFolder.Occupied(FinalPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot rename {PartPath} to {FinalPath}: {e.Message}");
        }
        return sha256;
    }

    /// <summary>Deletes the part file and its hash: what it holds cannot be trusted or continued.</summary>
    public async Task DiscardAsync()
    {
        await CloseAsync();
        File.Delete(PartPath);
        File.Delete(HashPathOf(FinalPath));
    }

    /// <summary>Closes the part file and keeps it, so that the next attempt can resume.</summary>
    public ValueTask DisposeAsync() => new(CloseAsync());

    private async Task CloseAsync()
    {
        if (_closed)
            return;
        _closed = true;
        await _stream.DisposeAsync();
        _hash.Dispose();
    }

    private static async Task HashPrefixAsync(FileStream stream, IncrementalHash hash, long length, CancellationToken cancellationToken)
    {
        var buffer = new byte[HashBufferSize];
        for (long done = 0; done < length;)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - done)), cancellationToken);
            if (read == 0)
                throw new IOException("the part file is shorter than expected");
            hash.AppendData(buffer, 0, read);
            done += read;
        }
    }
}
