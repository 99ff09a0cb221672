using OrleansP2P.Contracts.Content;
using OrleansP2P.Swarm.Pieces;

namespace OrleansP2P.Swarm.Tests.Pieces;

public sealed class PartFileTests
{
    private const int Pieces = 40; // more than the write-behind lag (32 pieces), so early pieces are written back and dropped from the cache

    [Fact]
    public void Pieces_written_in_any_order_past_the_write_behind_lag_read_back_exactly_and_survive_reopening()
    {
        using var folder = new TempFolder("part");
        var path = folder.PathOf("x.part");
        var size = (long)Pieces * PieceTree.PieceSize - 123; // a short last piece
        var order = Enumerable.Range(0, Pieces).OrderBy(i => (i * 7919) % Pieces).ToList();

        using (var part = PartFile.Open(path, size, keep: false))
        {
            Assert.Equal(size, new FileInfo(path).Length);
            var buffer = new PieceBuffer();
            foreach (var index in order)
            {
                Fill(buffer.Span, index);
                part.Write(buffer, LengthOf(index, size), (long)index * PieceTree.PieceSize);
            }
            part.Flush();
            Assert.All(order, index => Assert.True(Matches(part, index, size), $"piece {index} read back differently"));
        }

        using var reopened = PartFile.Open(path, size, keep: true);
        Assert.True(reopened.Kept);
        Assert.All(order, index => Assert.True(Matches(reopened, index, size), $"piece {index} differs after reopening"));
        Assert.False(reopened.TryRead(new byte[200], size - 100)); // past the end
    }

    [Fact]
    public void A_part_file_of_another_length_is_not_kept_and_starts_empty_at_the_new_length()
    {
        using var folder = new TempFolder("part");
        var path = folder.PathOf("x.part");
        File.WriteAllBytes(path, [1, 2, 3]);

        using var part = PartFile.Open(path, 5000, keep: true);

        Assert.False(part.Kept);
        var read = new byte[5000];
        Assert.True(part.TryRead(read, 0));
        Assert.All(read, b => Assert.Equal(0, b));
    }

    private static int LengthOf(int index, long size) => (int)Math.Min(PieceTree.PieceSize, size - (long)index * PieceTree.PieceSize);

    private static void Fill(Span<byte> span, int index)
    {
        for (var i = 0; i < span.Length; i++)
            span[i] = (byte)(index * 31 + i / 4096);
    }

    private static bool Matches(PartFile part, int index, long size)
    {
        var expected = new byte[PieceTree.PieceSize];
        Fill(expected, index);
        var actual = new byte[LengthOf(index, size)];
        return part.TryRead(actual, (long)index * PieceTree.PieceSize) && actual.AsSpan().SequenceEqual(expected.AsSpan(0, actual.Length));
    }
}
