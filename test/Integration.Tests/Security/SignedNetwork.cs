using System.Text;
using Grpc.Core;
using OrleansP2P.Api.Security;
using OrleansP2P.Contracts.Security;

namespace OrleansP2P.Integration.Tests.Security;

/// <summary>Three peers in a line sharing a network key; peer3 shares one file and every peer accepts uploads.</summary>
public sealed class SignedNetwork : IAsyncLifetime
{
    public const string Key = "integration-network-key-0123456789";
    public const string File = "locked-network.txt";

    public PeerNetwork Network { get; private set; } = null!;

    public RequestSigner Signer { get; } = new(Key, TimeProvider.System);

    public static Dictionary<string, object?> Config(string key) => new() { ["network_key"] = key, ["accept_uploads"] = true };

    public async Task InitializeAsync()
    {
        Network = await PeerNetwork.StartAsync(3, PeerNetwork.Line(3), (i, dir) =>
        {
            if (i == 3)
                System.IO.File.WriteAllText(Path.Combine(dir, File), "behind a key\n");
        }, Config(Key));
        await Network[3].WaitForFilesAsync(1);
    }

    public async Task DisposeAsync() => await Network.DisposeAsync();

    /// <summary>A POST signed as the contract says, for a raw HttpClient (no bearer).</summary>
    public HttpRequestMessage SignedPost(string baseUrl, string path, string json, RequestSigner? signer = null, long? timestamp = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        signer ??= Signer;
        var s = signer.Sign("POST", path, RequestSigner.HashBody(body));
        var stamp = timestamp?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? s.Timestamp;
        var signature = timestamp is null ? s.Signature : signer.Compute("POST", path, stamp, s.Nonce, RequestSigner.HashBody(body));
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(RequestSigner.TimestampHeader, stamp);
        request.Headers.Add(RequestSigner.NonceHeader, s.Nonce);
        request.Headers.Add(RequestSigner.SignatureHeader, signature);
        return request;
    }

    /// <summary>gRPC metadata signing an <c>Upload</c> of <paramref name="content"/> as <paramref name="name"/> (over its header).</summary>
    public Metadata UploadSignature(string name, byte[] content) =>
        GrpcSignature(SignatureInterceptor.UploadMethod, RequestSigner.UploadHash(name, content.Length, TestFiles.Sha256(content), overwrite: false));

    /// <summary>gRPC metadata signing a call to <paramref name="method"/> over <paramref name="bodyHash"/>.</summary>
    public Metadata GrpcSignature(string method, string bodyHash) => Signer.Sign("POST", method, bodyHash).AddTo(new Metadata());
}
