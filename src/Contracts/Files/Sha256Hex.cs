using System.Security.Cryptography;

namespace OrleansP2P.Contracts.Files;

/// <summary>SHA-256 as the contracts write it: 64 lower-case hex digits (<c>checksum</c>, <c>ETag</c>, <c>FileHeader.sha256</c>).</summary>
public static class Sha256Hex
{
    /// <summary>Read size when hashing a whole file: large sequential reads keep the hash, not the system calls, the bottleneck.</summary>
    public const int FileBufferSize = 1 << 20;

    /// <summary>True for 64 hex digits in either case (what a client may announce).</summary>
    public static bool IsValid(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);

    /// <summary>Hashes a whole file, read sequentially; others may keep writing, renaming or deleting it meanwhile.</summary>
    /// <exception cref="FileNotFoundException">The file is gone.</exception>
    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            FileBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>The hash of everything appended so far, in the contract's form; the hash starts over.</summary>
    public static string Finish(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetHashAndReset());
}
