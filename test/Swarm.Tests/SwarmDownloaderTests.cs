namespace OrleansP2P.Swarm.Tests;

public sealed class SwarmDownloaderTests
{
    [Fact]
    public async Task A_content_from_three_holders_is_exact_and_each_holder_serves_a_share()
    {
        using var swarm = new SwarmCase();
        await using var a = await FakeHolder.StartAsync(swarm.Content);
        await using var b = await FakeHolder.StartAsync(swarm.Content);
        await using var c = await FakeHolder.StartAsync(swarm.Content);

        var result = await swarm.RunAsync([a, b, c]);

        Assert.Equal(swarm.Content, await File.ReadAllBytesAsync(swarm.FinalPath));
        Assert.Equal(swarm.Link.Sha256, result.Sha256);
        Assert.All(new[] { a, b, c }, holder => Assert.True(holder.BytesServed > 0, $"{holder.Url} served nothing"));
        Assert.Equal(3, result.Final.Sources.Count(s => s.Bytes > 0 && s.Dropped is null));
        Assert.False(File.Exists(swarm.PartPath));
        Assert.False(File.Exists(swarm.Ledger.Path));
    }

    [Fact]
    public async Task A_holder_that_sends_a_bad_piece_is_dropped_after_it_and_the_result_is_exact()
    {
        using var swarm = new SwarmCase();
        await using var corrupt = await FakeHolder.StartAsync(swarm.Content, new HolderBehaviour { Corrupt = true });
        await using var good = await FakeHolder.StartAsync(swarm.Content);

        var result = await swarm.RunAsync([corrupt, good]);

        Assert.Equal(swarm.Content, await File.ReadAllBytesAsync(swarm.FinalPath));
        var dropped = Assert.Single(result.Final.Sources, s => s.Dropped is not null);
        Assert.Equal(corrupt.Url.GetLeftPart(UriPartial.Authority), dropped.Url);
        Assert.Equal(1, dropped.BadPieces);
        Assert.Contains("does not match its leaf", dropped.Dropped);
    }

    [Fact]
    public async Task The_endgame_finishes_when_one_holder_stalls()
    {
        using var swarm = new SwarmCase();
        await using var stalling = await FakeHolder.StartAsync(swarm.Content, new HolderBehaviour { StallAfter = 1_500_000 });
        await using var good = await FakeHolder.StartAsync(swarm.Content);

        var result = await swarm.RunAsync([stalling, good]);

        Assert.Equal(swarm.Content, await File.ReadAllBytesAsync(swarm.FinalPath));
        Assert.True(stalling.BytesServed <= 1_500_000);
        var fromGood = Assert.Single(result.Final.Sources, s => s.Url == good.Url.GetLeftPart(UriPartial.Authority)).Bytes;
        Assert.True(fromGood >= swarm.Content.Length - 1_500_000, $"the good holder sent {fromGood} bytes");
        Assert.Contains(stalling.PiecesAsked, piece => good.PiecesAsked.Contains(piece)); // a duplicate request won
        Assert.Equal(swarm.PieceCount, result.Final.PiecesVerified);
    }

    [Fact]
    public async Task Nothing_from_any_holder_for_the_idle_timeout_fails_the_download_and_keeps_the_part_file()
    {
        using var swarm = new SwarmCase();
        await using var quiet = await FakeHolder.StartAsync(swarm.Content, new HolderBehaviour { StallAfter = 0 });

        var failure = await Assert.ThrowsAsync<SwarmException>(() =>
            swarm.RunAsync([quiet], SwarmCase.ShortIdle));

        Assert.Equal(SwarmFailure.Idle, failure.Failure);
        Assert.Contains("no holder sent anything for 2 s", failure.Message);
        Assert.True(File.Exists(swarm.PartPath));
        Assert.False(File.Exists(swarm.FinalPath));
    }

    [Fact]
    public async Task An_existing_file_is_not_replaced_without_overwrite_and_nothing_is_fetched()
    {
        using var swarm = new SwarmCase();
        await File.WriteAllTextAsync(swarm.FinalPath, "another file");
        await using var holder = await FakeHolder.StartAsync(swarm.Content);

        var failure = await Assert.ThrowsAsync<SwarmException>(() => swarm.RunAsync([holder]));

        Assert.Equal(SwarmFailure.Occupied, failure.Failure);
        Assert.Equal("another file", await File.ReadAllTextAsync(swarm.FinalPath));
        Assert.Equal(0, holder.BytesServed);
    }

    [Fact]
    public async Task An_empty_content_finishes_as_an_empty_file()
    {
        using var swarm = new SwarmCase(size: 0);
        await using var holder = await FakeHolder.StartAsync(swarm.Content);

        var result = await swarm.RunAsync([holder]);

        Assert.Equal(0, new FileInfo(swarm.FinalPath).Length);
        Assert.Equal(1, result.Final.VerifiedFraction);
    }
}
