using System.Net;
using System.Net.Sockets;
using OrleansP2P.Contracts.Security;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.PeerClient;

/// <summary>Opens a TCP stream to one of the given (already allowed) addresses.</summary>
public delegate ValueTask<Stream> PeerConnect(IPAddress[] addresses, int port, CancellationToken cancellationToken);

/// <summary>
/// The primary handler of the peer HttpClient: no redirects or proxy, every connection re-checked by the
/// <see cref="PeerUrlGuard"/> on the addresses it actually dials, and, with <c>tls_ca</c>, peers' certificates
/// validated against that private CA only.
/// </summary>
public static class PeerHttpHandler
{
    public static SocketsHttpHandler Create(PeerOptions options, PeerUrlGuard guard, PeerConnect? connect = null)
    {
        connect ??= ConnectSocketAsync;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = async (context, ct) =>
                await connect(await guard.ResolveAllowedAsync(context.DnsEndPoint.Host, ct), context.DnsEndPoint.Port, ct),
        };
        if (!string.IsNullOrWhiteSpace(options.TlsCa))
            handler.SslOptions = PrivateCa.TrustOnly(options.TlsCa);
        return handler;
    }

    private static async ValueTask<Stream> ConnectSocketAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
