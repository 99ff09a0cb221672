using System.Text.RegularExpressions;
using Grpc.Net.Client;
using OrleansP2P.Contracts.Security;

namespace OrleansP2P.Cli.Transfer;

/// <summary>
/// A peer's gRPC endpoint, given as <c>HOST:PORT</c> (the <c>grpc</c> field of /files and /search) or as a URL.
/// Peers serve gRPC over HTTP/2 without TLS, so a bare host:port means <c>http://</c>.
/// </summary>
public sealed partial record GrpcTarget(Uri Address)
{
    public string Host => Address.Host;

    public int Port => Address.Port;

    public static GrpcTarget? TryParse(string text, out string? error)
    {
        text = text.Trim();
        var explicitScheme = text.Contains("://", StringComparison.Ordinal);
        if (Uri.TryCreate(explicitScheme ? text : "http://" + text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0 && uri.AbsolutePath == "/" && uri.Query.Length == 0
            && (explicitScheme || EndsWithPort().IsMatch(text)))
        {
            error = null;
            return new GrpcTarget(new Uri(uri.GetLeftPart(UriPartial.Authority)));
        }
        error = $"'{text}' is not a gRPC address such as 127.0.0.1:50051";
        return null;
    }

    public override string ToString() => $"{Host}:{Port}";

    /// <summary>
    /// A channel for file transfer: no retries or resilience handler (a stream cannot be replayed), a short
    /// connect timeout, and keep-alive pings so a vanished peer fails the call instead of hanging it.
    /// </summary>
    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(Address, new GrpcChannelOptions
    {
        Credentials = CliCredentials.GrpcSigning() is { } signing ? Grpc.Core.ChannelCredentials.Create(
            Address.Scheme == Uri.UriSchemeHttps ? Grpc.Core.ChannelCredentials.SecureSsl : Grpc.Core.ChannelCredentials.Insecure, signing) : null,
        UnsafeUseInsecureChannelCallCredentials = true, // the signature is no secret: it covers one call and expires in 60 s
        HttpHandler = CliCredentials.Trusting(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(15),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            // Start with a window that holds several 1 MiB chunks instead of growing it from 64 KiB.
            InitialHttp2StreamWindowSize = 16 << 20,
        }),
        ThrowOperationCanceledOnCancellation = true,
    });

    [GeneratedRegex(@":\d{1,5}$")]
    private static partial Regex EndsWithPort();
}
