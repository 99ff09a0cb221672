using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansP2P.Testing;

/// <summary>
/// A private CA and one server certificate for 127.0.0.1 signed by it, made in-process and written as PEM files
/// (<c>ca.pem</c>, <c>peer.pem</c>, <c>peer.key</c>) into a temp folder that is deleted on dispose.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("p2p-tls-").FullName;

    public TestCertificates()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=OrleansP2P test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var peerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var peerRequest = new CertificateRequest("CN=127.0.0.1", peerKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        peerRequest.CertificateExtensions.Add(names.Build());
        peerRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        peerRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var peer = peerRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(8));

        CaPath = Write("ca.pem", ca.ExportCertificatePem());
        CertPath = Write("peer.pem", peer.ExportCertificatePem());
        KeyPath = Write("peer.key", peerKey.ExportPkcs8PrivateKeyPem());
    }

    public string CaPath { get; }

    public string CertPath { get; }

    public string KeyPath { get; }

    /// <summary>Config keys that turn TLS on with this certificate; <paramref name="trustCa"/> adds <c>tls_ca</c>.</summary>
    public Dictionary<string, object?> Config(bool trustCa = true)
    {
        var config = new Dictionary<string, object?> { ["tls_cert"] = CertPath, ["tls_key"] = KeyPath };
        if (trustCa)
            config["tls_ca"] = CaPath;
        return config;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string pem)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
