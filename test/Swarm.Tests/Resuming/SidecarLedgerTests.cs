using OrleansP2P.Swarm.Resuming;

namespace OrleansP2P.Swarm.Tests.Resuming;

public sealed class SidecarLedgerTests
{
    private static readonly ContentId Content = new(new string('a', 64), new string('b', 64), 10L << 20);

    [Fact]
    public async Task A_saved_bitmap_loads_back_for_the_same_content_only()
    {
        using var folder = new TempFolder("ledger");
        var ledger = new SidecarLedger(folder.PathOf("x.part.pieces"));
        var bitmap = new PieceBitmap(Content.PieceCount);
        bitmap.Set(0);
        bitmap.Set(9);

        await ledger.SaveAsync(Content, bitmap, CancellationToken.None);

        var loaded = await ledger.LoadAsync(Content, CancellationToken.None);
        Assert.NotNull(loaded);
        Assert.Equal([0, 9], Enumerable.Range(0, loaded.Count).Where(i => loaded[i]));
        Assert.Null(await ledger.LoadAsync(Content with { Tree = new string('c', 64) }, CancellationToken.None));
        Assert.Null(await ledger.LoadAsync(Content with { Size = 11L << 20 }, CancellationToken.None));
    }

    [Fact]
    public async Task A_damaged_or_missing_sidecar_means_nothing_to_resume()
    {
        using var folder = new TempFolder("ledger");
        var ledger = new SidecarLedger(folder.PathOf("x.part.pieces"));
        Assert.Null(await ledger.LoadAsync(Content, CancellationToken.None));

        await ledger.SaveAsync(Content, new PieceBitmap(Content.PieceCount), CancellationToken.None);
        await File.AppendAllTextAsync(ledger.Path, "more");

        Assert.Null(await ledger.LoadAsync(Content, CancellationToken.None));
    }

    [Fact]
    public void Stored_bits_past_the_last_piece_are_refused()
    {
        Assert.Null(PieceBitmap.FromBytes(10, [0, 0b0000_0100]));
        Assert.Equal(1, PieceBitmap.FromBytes(10, [0, 0b0000_0010])!.SetCount);
        Assert.Null(PieceBitmap.FromBytes(10, [0]));
    }
}
