using System.Globalization;
using Grpc.Core;

namespace OrleansP2P.Cli.Transfer;

/// <summary>Turns a failed gRPC call into the one line the user sees.</summary>
public static class TransferErrors
{
    /// <summary>A call cancelled by our own token is a cancellation (exit 130), whatever status gRPC reports for it.</summary>
    public static Exception Explain(RpcException e, string name, GrpcTarget peer, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? new OperationCanceledException(e.Message, e, cancellationToken) : Explain(e, name, peer);

    public static CliException Explain(RpcException e, string name, GrpcTarget peer) => e.StatusCode switch
    {
        StatusCode.NotFound => new CliException($"no file named {name} on {peer}"),
        StatusCode.Unavailable => new CliException($"cannot reach {peer}: {Detail(e)}"),
        StatusCode.DeadlineExceeded => new CliException($"{peer} did not answer in time"),
        StatusCode.InvalidArgument => new CliException($"{peer} refused '{name}': {Detail(e)}", ExitCodes.Usage),
        StatusCode.AlreadyExists => new CliException($"{peer} already shares a different {name}; add --overwrite to replace it"),
        StatusCode.ResourceExhausted => new CliException($"{peer} refused {name}: {Detail(e)}"),
        StatusCode.DataLoss => new CliException($"{name} was damaged in transit ({Detail(e)}); nothing was kept, try again"),
        StatusCode.Cancelled => new CliException($"transfer of {name} with {peer} was cancelled", ExitCodes.Cancelled),
        _ => new CliException($"transfer of {name} with {peer} failed: {e.StatusCode}: {Detail(e)}"),
    };

    /// <summary>A peer that stayed quiet for the whole <c>--idle-timeout</c>; <paramref name="kept"/> is a part file left to resume from.</summary>
    public static CliException Idle(GrpcTarget peer, string doing, TimeSpan limit, string? kept = null) =>
        new($"{peer} went quiet for {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (--idle-timeout) while {doing}"
            + (kept is null ? "" : $"; kept {kept}, run again to resume"));

    /// <summary>The socket error behind an unavailable peer ("Connection refused") says more than the status detail.</summary>
    private static string Detail(RpcException e) =>
        e.Status.DebugException?.InnerException?.Message ?? e.Status.DebugException?.Message ?? e.Status.Detail;
}
