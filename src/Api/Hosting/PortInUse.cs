using Microsoft.AspNetCore.Connections;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Hosting;

/// <summary>
/// A peer that cannot bind one of its ports (another process holds it) stops with one clear line
/// and <see cref="ExitCode"/>, not an unhandled-exception abort.
/// </summary>
public static class PortInUse
{
    /// <summary>What a peer exits with when another process holds one of its ports.</summary>
    public const int ExitCode = 3;

    public static bool IsCause(Exception e) => Chain(e).Any(x => x is AddressInUseException);

    public static string Describe(Exception e, PeerOptions options)
    {
        // Kestrel names the address it could not bind; Orleans' silo and gateway listeners do not.
        var kestrel = Chain(e).FirstOrDefault(x => x is IOException && x.Message.StartsWith("Failed to bind", StringComparison.Ordinal));
        var what = kestrel?.Message.TrimEnd('.') ?? "a port is already in use";
        return $"{what}. Another process holds one of this peer's ports (rest_port {options.RestPort}, grpc_port {options.GrpcPort}, " +
               $"metrics_port {options.MetricsPort}, silo_port {options.SiloPort}, gateway_port {options.GatewayPort}): " +
               "stop it or choose other ports in the config.";
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                    yield return inner;
                yield break;
            }
            yield return x;
        }
    }
}
