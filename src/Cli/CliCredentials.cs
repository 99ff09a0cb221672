using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using OrleansP2P.Contracts.Security;
using OrleansP2P.Protos;

namespace OrleansP2P.Cli;

/// <summary>
/// The network key and private CA for one CLI run (<c>--key</c> or <c>P2P_NETWORK_KEY</c>, <c>--ca FILE</c>): REST calls
/// carry <c>Authorization: Bearer</c> (peers accept it over TLS or from loopback, and the CLI sends it nowhere else),
/// gRPC calls are signed as peers sign them, and https/gRPC-TLS peers are trusted when their chain ends at the CA.
/// </summary>
public static class CliCredentials
{
    public const string KeyVariable = "P2P_NETWORK_KEY";

    public static readonly Option<string> KeyOption = new("--key")
    {
        Description = $"The network key of a locked network (default: ${KeyVariable})",
        HelpName = "KEY",
        Recursive = true,
    };

    public static readonly Option<FileInfo> CaOption = new("--ca")
    {
        Description = "PEM file of a private CA to trust for https and gRPC over TLS",
        HelpName = "FILE",
        Recursive = true,
    };

    public static string? Key { get; private set; }

    public static X509Certificate2? Ca { get; private set; }

    /// <summary>Reads the options once the command line is parsed; a CA file that cannot be read is a usage error.</summary>
    public static void Apply(ParseResult parsed)
    {
        Key = parsed.GetValue(KeyOption) is { Length: > 0 } key ? key : Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } env ? env : null;
        Ca = null;
        if (parsed.GetValue(CaOption) is { } ca)
        {
            try
            {
                Ca = X509CertificateLoader.LoadCertificateFromFile(ca.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw CliException.Usage($"--ca: cannot read a PEM certificate from '{ca.FullName}': {e.Message}");
            }
        }
    }

    /// <summary>Trusts <see cref="Ca"/> (only it) for TLS when one was given.</summary>
    public static SocketsHttpHandler Trusting(SocketsHttpHandler handler)
    {
        if (Ca is { } ca)
            handler.SslOptions = PrivateCa.TrustOnly(ca);
        return handler;
    }

    /// <summary>
    /// Adds the key as a bearer token for calls to the client's base address. The token is the key itself, so it goes
    /// only where nobody on the path can read it: over https or to a loopback address; plain http elsewhere is a usage
    /// error before anything is sent (signed gRPC calls never carry the key and are not affected).
    /// </summary>
    public static HttpClient Authorize(HttpClient http)
    {
        if (Key is not { } key)
            return http;
        var peer = http.BaseAddress ?? throw new InvalidOperationException("the client needs its base address first");
        if (peer.Scheme != Uri.UriSchemeHttps && !IsLoopback(peer))
        {
            throw CliException.Usage($"refusing to send the network key in clear to {peer.GetLeftPart(UriPartial.Authority)}: "
                + "use an https:// --peer, or a loopback address (127.0.0.1, [::1], localhost)");
        }
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    /// <summary>
    /// Signs every gRPC call but <c>Upload</c> with the key (METHOD POST, the method path, the empty body's hash); null
    /// without a key. An upload is signed per call over its header: <see cref="UploadSigning"/>.
    /// </summary>
    public static CallCredentials? GrpcSigning() => Signing(static method => method == "Upload" ? null : RequestSigner.EmptyBodyHash);

    /// <summary>Signs one <c>Upload</c> call over its header (<see cref="RequestSigner.UploadHash"/>); null without a key.</summary>
    public static CallCredentials? UploadSigning(FileHeader header) =>
        Signing(method => method == "Upload" ? RequestSigner.UploadHash(header.Name, header.Size, header.Sha256, header.Overwrite) : null);

    /// <summary>Signs the calls for which <paramref name="bodyHash"/> gives a hash (given the method name) and leaves the others alone.</summary>
    private static CallCredentials? Signing(Func<string, string?> bodyHash)
    {
        if (Key is not { } key)
            return null;
        var signer = new RequestSigner(key, TimeProvider.System);
        return CallCredentials.FromInterceptor((context, metadata) =>
        {
            if (bodyHash(context.MethodName) is not { } hash)
                return Task.CompletedTask;
            var path = $"{new Uri(context.ServiceUrl).AbsolutePath.TrimEnd('/')}/{context.MethodName}";
            signer.Sign("POST", path, hash).AddTo(metadata);
            return Task.CompletedTask;
        });
    }

    /// <summary><c>localhost</c>, 127.0.0.0/8 or ::1 (also IPv4-mapped): a connection that never leaves this machine.</summary>
    private static bool IsLoopback(Uri peer) =>
        string.Equals(peer.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(peer.IdnHost, out var address) && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
}
