using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrleansP2P.Api.Transfer;
using OrleansP2P.Grains.Diagnostics;

namespace OrleansP2P.Api.Tests.Transfer;

/// <summary>The board behind <c>GET /transfers</c> stays bounded however many transfers a client starts.</summary>
public sealed class TransferBoardTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task The_board_shows_at_most_its_capacity_of_transfers_in_flight_and_of_finished_ones_newest_first()
    {
        var board = new TransferBoard(new P2PMetrics(_services.GetRequiredService<IMeterFactory>()), TimeProvider.System);
        var release = new TaskCompletionSource<int>();
        var more = TransferBoard.RecentCapacity + 50;

        var running = Enumerable.Range(0, more).Select(_ => board.Start("download", "http", "127.0.0.1:1").RunAsync(_ => release.Task)).ToList();
        await Task.WhenAll(Enumerable.Range(0, more).Select(_ => board.Start("upload", "grpc", "127.0.0.1:2").RunAsync(_ => Task.FromResult(0))));
        var shown = board.Snapshot().Select(t => (t.Id, t.Direction)).ToList(); // the meters change once released
        release.SetResult(0);
        await Task.WhenAll(running);

        var active = shown.Where(t => t.Direction == "download").Select(t => t.Id).ToList();
        Assert.Equal(TransferBoard.RecentCapacity, active.Count);
        Assert.Equal(TransferBoard.RecentCapacity, shown.Count(t => t.Direction == "upload"));
        var newest = Enumerable.Range(more - TransferBoard.RecentCapacity + 1, TransferBoard.RecentCapacity).Reverse().Select(i => (long)i);
        Assert.Equal(newest, active);
    }
}
