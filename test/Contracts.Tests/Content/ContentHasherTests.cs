using OrleansP2P.Contracts.Content;

namespace OrleansP2P.Contracts.Tests.Content;

public sealed class ContentHasherTests
{
    [Theory]
    [MemberData(nameof(PieceTreeTests.KnownAnswers), MemberType = typeof(PieceTreeTests))]
    public async Task Bytes_appended_as_they_arrive_give_the_independent_root_and_sha256(int length, string tree, string sha256)
    {
        var data = PieceTreeTests.Data(length);
        using var hasher = new ContentHasher();

        for (var offset = 0; offset < length; offset += 65_537) // slices that straddle piece boundaries
            await hasher.AppendAsync(data.AsMemory(offset, Math.Min(65_537, length - offset)));
        var hashes = await hasher.FinishAsync();

        Assert.Equal(tree, hashes.Tree);
        Assert.Equal(sha256, hashes.Sha256);
        Assert.Equal(length, hasher.Length);
        Assert.Equal((await FileHashes.OfStreamAsync(new MemoryStream(data), CancellationToken.None)).Pieces, hashes.Pieces);
    }
}
