using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace OrleansP2P.Contracts.Security;

/// <summary>TLS client options that trust one private CA (PEM file) and nothing else: <c>tls_ca</c> on peers, <c>--ca</c> on the CLI.</summary>
public static class PrivateCa
{
    public static SslClientAuthenticationOptions TrustOnly(X509Certificate2 ca) => new()
    {
        CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            CustomTrustStore = { ca },
            RevocationMode = X509RevocationMode.NoCheck,
        },
    };

    public static SslClientAuthenticationOptions TrustOnly(string pemPath) =>
        TrustOnly(X509CertificateLoader.LoadCertificateFromFile(pemPath));
}
