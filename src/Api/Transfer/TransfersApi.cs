using Microsoft.AspNetCore.Http.HttpResults;
using OrleansP2P.Api.Network;
using OrleansP2P.Api.Search;

namespace OrleansP2P.Api.Transfer;

/// <summary><c>GET /transfers</c>: the transfers board (active, then recent; gRPC and HTTP; both directions).</summary>
public static class TransfersApi
{
    public static IEndpointRouteBuilder MapTransfersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/transfers", GetTransfers).WithName("Transfers")
            .WithSummary($"Transfers in flight and finished ones, the newest {TransferBoard.RecentCapacity} of each, newest first.")
            .WithDescription("outcome: active, ok, failed or rejected; started: Unix seconds; bytes_per_second: average so far; " +
                "name: empty until validated (a download's once the index resolved it), \"(invalid)\" for an unsafe upload name.")
            .RequireRateLimiting(Hosting.PeerRateLimits.Client);
        return app;
    }

    public static Ok<TransfersResponse> GetTransfers(TransferBoard board) =>
        TypedResults.Ok(new TransfersResponse([.. board.Snapshot().Select(ToDto)]));

    private static TransferDto ToDto(TransferMeter t)
    {
        var (bytes, elapsed) = (t.Bytes, t.Elapsed);
        return new TransferDto(t.Id, t.Name, t.Direction, t.Transport, t.Remote, bytes, t.Size,
            Math.Round(t.Started.ToUnixTimeMilliseconds() / 1000.0, 3), (long)elapsed.TotalMilliseconds,
            elapsed.TotalSeconds > 0 ? Math.Round(bytes / elapsed.TotalSeconds) : 0, t.Outcome, t.Detail);
    }

    public sealed record TransfersResponse(IReadOnlyList<TransferDto> Transfers);

    /// <summary>One transfer on the wire.</summary>
    public sealed record TransferDto(
        long Id, string Name, string Direction, string Transport, string Remote, long Bytes, long? Size,
        double Started, long ElapsedMs, double BytesPerSecond, string Outcome, string? Detail);
}
