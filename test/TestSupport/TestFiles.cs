using System.Security.Cryptography;

namespace OrleansP2P.Testing;

/// <summary>Test and benchmark files of any size, written fast: one random block, varied per block so no two blocks repeat.</summary>
public static class TestFiles
{
    private const int BlockSize = 1 << 20;

    /// <summary>Writes <paramref name="size"/> pseudo-random bytes to <paramref name="path"/> and returns their SHA-256 (hex).</summary>
    public static string Write(string path, long size, int seed = 1)
    {
        var block = new byte[BlockSize];
        new Random(seed).NextBytes(block);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        for (long written = 0, index = 0; written < size; index++)
        {
            BitConverter.TryWriteBytes(block, index); // makes each block unique
            var count = (int)Math.Min(BlockSize, size - written);
            file.Write(block, 0, count);
            hash.AppendData(block, 0, count);
            written += count;
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The bytes <see cref="Write"/> would write, in memory (for small files).</summary>
    public static byte[] Bytes(int size, int seed = 1)
    {
        var path = Path.GetTempFileName();
        try
        {
            Write(path, size, seed);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static string Sha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
