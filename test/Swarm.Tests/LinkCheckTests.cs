namespace OrleansP2P.Swarm.Tests;

public sealed class LinkCheckTests
{
    [Fact]
    public async Task A_link_whose_xt_and_tree_disagree_fails_clearly_and_removes_the_part_file()
    {
        using var swarm = new SwarmCase();
        using var other = new SwarmCase(seed: 2);
        // The holder answers for the link's xt with the other content, whose tree the link carries.
        await using var holder = await FakeHolder.StartAsync(other.Content, servedAs: swarm.Link.Sha256);
        swarm.Link = swarm.Link with { Tree = other.Link.Tree };

        var failure = await Assert.ThrowsAsync<SwarmException>(() => swarm.RunAsync([holder]));

        Assert.Equal(SwarmFailure.LinkMismatch, failure.Failure);
        Assert.Contains("xt and x.tree name different contents", failure.Message);
        Assert.False(File.Exists(swarm.PartPath));
        Assert.False(File.Exists(swarm.Ledger.Path));
        Assert.False(File.Exists(swarm.FinalPath));
    }

    [Fact]
    public async Task A_holder_whose_piece_list_does_not_match_the_tree_is_refused_and_never_asked_for_bytes()
    {
        using var swarm = new SwarmCase();
        var wrongLeaf = new HolderBehaviour { Pieces = list => list with { Pieces = [new string('0', 64), .. list.Pieces.Skip(1)] } };
        await using var wrong = await FakeHolder.StartAsync(swarm.Content, wrongLeaf);
        await using var good = await FakeHolder.StartAsync(swarm.Content);

        var alone = await Assert.ThrowsAsync<SwarmException>(() => swarm.RunAsync([wrong]));
        await swarm.RunAsync([wrong, good]);

        Assert.Contains("not the link's x.tree", alone.Message);
        Assert.Equal(swarm.Content, await File.ReadAllBytesAsync(swarm.FinalPath));
        Assert.Equal(0, wrong.BytesServed);
    }

    [Fact]
    public async Task A_holder_that_never_sends_its_piece_list_does_not_hold_up_the_others()
    {
        using var swarm = new SwarmCase();
        await using var silent = await FakeHolder.StartAsync(swarm.Content, new HolderBehaviour { SilentPieces = true });
        await using var good = await FakeHolder.StartAsync(swarm.Content);

        var result = await swarm.RunAsync([silent, good]);

        Assert.Equal(swarm.Content, await File.ReadAllBytesAsync(swarm.FinalPath));
        Assert.Equal(0, silent.BytesServed);
        Assert.Equal([0, swarm.Content.Length], result.Final.Sources.Select(s => s.Bytes).Order());
    }

    [Theory]
    [InlineData("size")]
    [InlineData("piece_size")]
    [InlineData("count")]
    public async Task A_piece_list_that_breaks_the_contract_leaves_no_holder(string broken)
    {
        using var swarm = new SwarmCase();
        var behaviour = new HolderBehaviour
        {
            Pieces = list => broken switch
            {
                "size" => list with { Size = list.Size + 1 },
                "piece_size" => list with { PieceSize = 1 << 18 },
                _ => list with { Pieces = [.. list.Pieces.SkipLast(1)] },
            },
        };
        await using var holder = await FakeHolder.StartAsync(swarm.Content, behaviour);

        var failure = await Assert.ThrowsAsync<SwarmException>(() => swarm.RunAsync([holder]));

        Assert.Equal(SwarmFailure.NoHolders, failure.Failure);
        Assert.Contains("no holder has a piece list matching", failure.Message);
        Assert.Equal(0, holder.BytesServed);
        Assert.False(File.Exists(swarm.PartPath));
    }

    [Fact]
    public async Task A_holder_without_the_content_is_dropped_with_its_status()
    {
        using var swarm = new SwarmCase();
        await using var holder = await FakeHolder.StartAsync(swarm.Content, servedAs: new string('a', 64));

        var failure = await Assert.ThrowsAsync<SwarmException>(() => swarm.RunAsync([holder]));

        Assert.Equal(SwarmFailure.NoHolders, failure.Failure);
        Assert.Contains("answered /pieces with 404", failure.Message);
    }
}
