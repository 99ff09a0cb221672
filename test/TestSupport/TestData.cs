namespace OrleansP2P.Testing;

public static class TestData
{
    /// <summary>Deterministic pseudo-random bytes, so a failing comparison can be reproduced.</summary>
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
#pragma warning disable CA5394 // not for security: reproducible test content
        new Random(seed).NextBytes(bytes);
#pragma warning restore CA5394
        return bytes;
    }
}
