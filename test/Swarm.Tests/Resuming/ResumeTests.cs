namespace OrleansP2P.Swarm.Tests.Resuming;

public sealed class ResumeTests
{
    [Fact]
    public async Task A_resumed_download_fetches_no_piece_the_sidecar_records_as_verified()
    {
        using var swarm = new SwarmCase();
        await swarm.InterruptAsync(pieces: 4, stallAfter: 6_500_000);
        var recorded = await swarm.RecordedPiecesAsync();
        Assert.InRange(recorded.Count, 4, 6);

        await using var holder = await FakeHolder.StartAsync(swarm.Content);
        var result = await swarm.RunAsync([holder]);

        Assert.Equal(swarm.Content, await File.ReadAllBytesAsync(swarm.FinalPath));
        Assert.Empty(holder.PiecesAsked.Intersect(recorded));
        Assert.Equal(recorded.Count * (long)Contracts.Content.PieceTree.PieceSize, result.ResumedBytes);
        Assert.False(File.Exists(swarm.Ledger.Path));
    }

    [Fact]
    public async Task A_recorded_piece_whose_bytes_changed_on_disk_is_fetched_again()
    {
        using var swarm = new SwarmCase();
        await swarm.InterruptAsync(pieces: 1, stallAfter: 3_500_000);
        Assert.Contains(0, await swarm.RecordedPiecesAsync());
        await using (var part = new FileStream(swarm.PartPath, FileMode.Open, FileAccess.Write))
            part.WriteByte((byte)(swarm.Content[0] ^ 0xff));

        await using var holder = await FakeHolder.StartAsync(swarm.Content);
        await swarm.RunAsync([holder]);

        Assert.Equal(swarm.Content, await File.ReadAllBytesAsync(swarm.FinalPath));
        Assert.Contains(0, holder.PiecesAsked);
    }
}
