using Grpc.Core;

namespace OrleansP2P.Cli.Transfer;

/// <summary>Turns a failed gRPC call into the one line the user sees.</summary>
public static class TransferErrors
{
    public static CliException Explain(RpcException e, string name, GrpcTarget source) => e.StatusCode switch
    {
        StatusCode.NotFound => new CliException($"no file named {name} on {source}"),
        StatusCode.Unavailable => new CliException($"cannot reach {source}: {Detail(e)}"),
        StatusCode.DeadlineExceeded => new CliException($"{source} did not answer in time"),
        StatusCode.InvalidArgument => new CliException($"{source} refused '{name}': {Detail(e)}", ExitCodes.Usage),
        _ => new CliException($"transfer of {name} from {source} failed: {e.StatusCode}: {Detail(e)}"),
    };

    /// <summary>The socket error behind an unavailable peer ("Connection refused") says more than the status detail.</summary>
    private static string Detail(RpcException e) =>
        e.Status.DebugException?.InnerException?.Message ?? e.Status.DebugException?.Message ?? e.Status.Detail;
}
