using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using OrleansP2P.Contracts.Security;
using OrleansP2P.Protos;

namespace OrleansP2P.Api.Tests.Security;

/// <summary>
/// gRPC calls to a peer with a network key ("Signed gRPC uploads"): an <c>Upload</c> signs its <c>FileHeader</c> in
/// place of the body hash, so one signature covers one content; <c>DummyDownload</c> needs a signature too.
/// </summary>
public sealed class SignedGrpcTests(SignedPeerFixture peer) : IClassFixture<SignedPeerFixture>
{
    private const string UploadMethod = "/p2p.FileTransfer/Upload";
    private const string DummyDownloadMethod = "/p2p.FileTransfer/DummyDownload";

    private readonly RequestSigner _signer = new(SignedPeerFixture.Key, TimeProvider.System);

    [Fact]
    public async Task An_upload_signed_over_its_file_header_is_stored()
    {
        var content = Encoding.UTF8.GetBytes("bound to its header\n");
        var header = Header("header-signed.txt", content);

        var result = await UploadAsync(Signature(UploadMethod, HeaderHash(header)), header, content);

        Assert.Equal(header.Sha256, result.Sha256);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(peer.Share.SharedDir, "header-signed.txt")));
    }

    [Fact]
    public async Task An_upload_signature_made_for_one_header_is_refused_for_another_content()
    {
        var signedFor = Header("reused.txt", Encoding.UTF8.GetBytes("what the owner signed\n"));
        var other = Encoding.UTF8.GetBytes("what an eavesdropper sends instead\n");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            UploadAsync(Signature(UploadMethod, HeaderHash(signedFor)), Header("reused.txt", other), other));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.False(File.Exists(Path.Combine(peer.Share.SharedDir, "reused.txt")));
    }

    [Fact]
    public async Task An_upload_signed_over_the_empty_body_hash_is_refused()
    {
        var content = Encoding.UTF8.GetBytes("signed the version 1 way\n");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            UploadAsync(Signature(UploadMethod, RequestSigner.EmptyBodyHash), Header("empty-hash.txt", content), content));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.False(File.Exists(Path.Combine(peer.Share.SharedDir, "empty-hash.txt")));
    }

    [Fact]
    public async Task A_dummy_download_needs_a_signature_when_a_key_is_set()
    {
        using var channel = peer.CreateGrpcChannel();
        var client = new FileTransfer.FileTransferClient(channel);
        var request = new FileRequest { Filename = SampleShare.Text };

        using var unsigned = client.DummyDownload(request);
        var error = await Assert.ThrowsAsync<RpcException>(() => unsigned.ResponseStream.MoveNext());
        using var signed = client.DummyDownload(request, Signature(DummyDownloadMethod, RequestSigner.EmptyBodyHash));
        using var received = new MemoryStream();
        await foreach (var chunk in signed.ResponseStream.ReadAllAsync())
            chunk.Data.WriteTo(received);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(peer.Share.Listed[SampleShare.Text], received.ToArray());
    }

    /// <summary>The contract's hash of a header, written out here independently of the peer's code.</summary>
    private static string HeaderHash(FileHeader h) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        $"{h.Name}\n{h.Size.ToString(CultureInfo.InvariantCulture)}\n{h.Sha256}\n{(h.Overwrite ? "true" : "false")}")));

    private static FileHeader Header(string name, byte[] content) =>
        new() { Name = name, Size = content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)) };

    private Metadata Signature(string method, string bodyHash) => _signer.Sign("POST", method, bodyHash).AddTo(new Metadata());

    private async Task<UploadResult> UploadAsync(Metadata signature, FileHeader header, byte[] content)
    {
        using var channel = peer.CreateGrpcChannel();
        using var call = new FileTransfer.FileTransferClient(channel).Upload(signature);
        try
        {
            await call.RequestStream.WriteAsync(new UploadChunk { Info = header });
            await call.RequestStream.WriteAsync(new UploadChunk { Data = ByteString.CopyFrom(content) });
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // Refused early: the status comes with the response.
        }
        return await call.ResponseAsync;
    }
}
