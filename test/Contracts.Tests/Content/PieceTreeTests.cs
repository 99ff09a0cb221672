using OrleansP2P.Contracts.Content;

namespace OrleansP2P.Contracts.Tests.Content;

// Expected roots and SHA-256s come from an independent implementation (Python's hashlib, bench/piece_tree.py),
// over bytes (i * 7 + 3) mod 251.
public sealed class PieceTreeTests
{
    private const int P = PieceTree.PieceSize;

    public static TheoryData<int, string, string> KnownAnswers => new()
    {
        { 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
        { 1, "084fed08b978af4d7d196a7446a86b58009e636b611db16211b65a9aadff29c5", "084fed08b978af4d7d196a7446a86b58009e636b611db16211b65a9aadff29c5" },
        { P, "1ac437f476c488acba4000af7ae89ef53f7ffbeef2e937850985f5ceb8b5ae6f", "1ac437f476c488acba4000af7ae89ef53f7ffbeef2e937850985f5ceb8b5ae6f" },
        { P + 1, "e7408dee4d5a8cbdd0e8d58bee8ed7030fd0ef32716ace3a88556b816fcde32e", "e42cda7f3d5f4472e6a826c1ae97c1d3933ba23ef486e8df5814889b7af6f7c4" },
        { 6 * P, "b25535fbc2eadb2f75595b34955823557b142f4cf02f84eda0668afed73866d0", "6553466cd6d4d6edfb17719ad80a9e293ee34971504c3789443420a8a8185727" },
        { 5 * P + 12345, "c8e26f1c1fefd805d9c12bb10c61e037ee00ad611813ae0d80f88700cf4d627f", "0a189dabae76d64336c849e8643951098061bf285e3909bbe7888c93bc38c02e" },
    };

    internal static byte[] Data(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
            bytes[i] = (byte)((i * 7L + 3) % 251);
        return bytes;
    }

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public async Task Hashing_a_file_gives_the_independent_root_and_sha256(int length, string tree, string sha256)
    {
        var hashes = await FileHashes.OfStreamAsync(new MemoryStream(Data(length)), CancellationToken.None);

        Assert.Equal(tree, hashes.Tree);
        Assert.Equal(sha256, hashes.Sha256);
        Assert.Equal(PieceTree.PieceCount(length), hashes.Pieces.Count);
        Assert.Equal(tree, PieceTree.RootHex(hashes.Pieces));
    }

    [Fact]
    public async Task Hashing_reads_in_small_slices_as_well_as_whole_pieces()
    {
        var data = Data(3 * P + 5);
        var whole = await FileHashes.OfStreamAsync(new MemoryStream(data), CancellationToken.None);
        var trickled = await FileHashes.OfStreamAsync(new TrickleStream(data, 4099), CancellationToken.None);

        Assert.Equal(whole, trickled with { Pieces = whole.Pieces });
        Assert.Equal(whole.Pieces, trickled.Pieces);
    }

    [Fact]
    public void Piece_lengths_cover_the_file_exactly()
    {
        const long size = 2L * P + 17;
        Assert.Equal(3, PieceTree.PieceCount(size));
        Assert.Equal(P, PieceTree.PieceLength(size, 0));
        Assert.Equal(17, PieceTree.PieceLength(size, 2));
        Assert.Equal(0, PieceTree.PieceCount(0));
    }

    [Fact]
    public void A_leaf_that_is_not_hex_has_no_root()
    {
        Assert.Null(PieceTree.RootHex(["zz"]));
        Assert.Null(PieceTree.RootHex([new string('a', 63)]));
    }

    /// <summary>A stream that hands out at most <c>slice</c> bytes per read, as a network or pipe would.</summary>
    private sealed class TrickleStream(byte[] data, int slice) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(slice, buffer.Length)], cancellationToken);
    }
}
