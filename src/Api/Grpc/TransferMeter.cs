using System.Diagnostics;
using Grpc.Core;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Storage;

namespace OrleansP2P.Api.Grpc;

/// <summary>
/// Runs one transfer RPC body and records it once in <c>p2p_transfers_total</c>, <c>p2p_transfer_bytes_total</c> and
/// <c>p2p_transfer_duration_seconds</c>: <c>ok</c> when it returns, <c>rejected</c> when refused up front (bad name,
/// unknown file, too big, a clash), <c>failed</c> otherwise. <see cref="TransferException"/>s become gRPC statuses here.
/// </summary>
public sealed class TransferMeter(P2PMetrics metrics, string direction)
{
    /// <summary>Bytes moved so far; the body adds to it as it goes.</summary>
    public long Bytes { get; set; }

    /// <summary>The outcome label recorded: <c>ok</c>, <c>failed</c> or <c>rejected</c>.</summary>
    public string Outcome { get; private set; } = "failed";

    public async Task<T> RunAsync<T>(Func<TransferMeter, Task<T>> body)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await body(this);
            Outcome = "ok";
            return result;
        }
        catch (TransferException e)
        {
            Outcome = e.IsRejection ? "rejected" : "failed";
            throw new RpcException(new Status(ToStatusCode(e.Error), e.Message));
        }
        finally
        {
            metrics.TransferCompleted(direction, Outcome, Bytes, Stopwatch.GetElapsedTime(started));
        }
    }

    public static StatusCode ToStatusCode(TransferError error) => error switch
    {
        TransferError.InvalidArgument => StatusCode.InvalidArgument,
        TransferError.NotFound => StatusCode.NotFound,
        TransferError.AlreadyExists => StatusCode.AlreadyExists,
        TransferError.TooLarge or TransferError.QuotaExceeded => StatusCode.ResourceExhausted,
        TransferError.Forbidden => StatusCode.PermissionDenied,
        _ => StatusCode.DataLoss,
    };
}
