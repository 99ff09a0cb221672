using OrleansP2P.Swarm.Holders;
using OrleansP2P.Swarm.Pieces;
using OrleansP2P.Swarm.Resuming;

namespace OrleansP2P.Swarm.Tests.Pieces;

public sealed class PieceSchedulerTests
{
    private static readonly SwarmOptions Options = new();

    [Fact]
    public void Pieces_go_out_lowest_first_in_runs_and_skip_verified_ones()
    {
        var resumed = new PieceBitmap(6);
        resumed.Set(1);
        var scheduler = new PieceScheduler(resumed);
        using var holder = new HolderState(new Uri("http://127.0.0.1:1/"), Options, CancellationToken.None);

        using var first = scheduler.TryClaim(holder, maxSpan: 4)!;
        using var second = scheduler.TryClaim(holder, maxSpan: 4)!;

        Assert.Equal((0, 1), (first.Start, first.End));
        Assert.Equal((2, 6), (second.Start, second.End));
        Assert.Equal(5, holder.InFlight);
    }

    [Fact]
    public void In_the_endgame_another_holder_duplicates_a_piece_in_flight_and_the_first_copy_cancels_the_other()
    {
        var scheduler = new PieceScheduler(new PieceBitmap(2));
        using var slow = new HolderState(new Uri("http://127.0.0.1:1/"), Options, CancellationToken.None);
        using var fast = new HolderState(new Uri("http://127.0.0.1:2/"), Options, CancellationToken.None);
        using var stuck = scheduler.TryClaim(slow, maxSpan: 2)!;

        Assert.Null(scheduler.TryClaim(slow, maxSpan: 2)); // never a duplicate of its own request
        using var duplicate = scheduler.TryClaim(fast, maxSpan: 2)!;
        Assert.Equal((0, 1), (duplicate.Start, duplicate.End));

        scheduler.Delivered(duplicate, 0);
        duplicate.Next++;
        Assert.True(scheduler.Verified(new LandedPiece(0, new PieceBuffer(), 0, fast)));
        Assert.True(stuck.Token.IsCancellationRequested);
    }

    [Fact]
    public void Pieces_a_request_did_not_deliver_are_handed_out_again()
    {
        var scheduler = new PieceScheduler(new PieceBitmap(3));
        using var holder = new HolderState(new Uri("http://127.0.0.1:1/"), Options, CancellationToken.None);
        using var failed = scheduler.TryClaim(holder, maxSpan: 3)!;
        scheduler.Delivered(failed, 0);
        failed.Next++;

        scheduler.Finished(failed);

        using var again = scheduler.TryClaim(holder, maxSpan: 3)!;
        Assert.Equal((1, 3), (again.Start, again.End));
    }
}
