using System.Security.Cryptography;
using Grpc.Core;
using OrleansP2P.Cli.Output;
using OrleansP2P.Cli.Transfer;
using OrleansP2P.Contracts.Security;
using OrleansP2P.Protos;

namespace OrleansP2P.Cli.Tests.Transfer;

/// <summary>
/// A signed <c>Upload</c> can cover its header, <c>hex(SHA-256("name\nsize\nsha256\noverwrite"))</c>, instead of the
/// empty body, so that its signature cannot carry other content. The expected hashes were computed with
/// <c>printf '...' | sha256sum</c>.
/// </summary>
[Collection(ProcessState.Name)]
public sealed class UploadSignatureTests : IDisposable
{
    private const string Key = "cli-tests-network-key-0123456789";
    private const string HelloSha256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("p2p-cli-sign-");

    public void Dispose()
    {
        ProcessState.ForgetCredentials();
        _work.Delete(recursive: true);
    }

    [Theory]
    [InlineData("notes.txt", 1234567, false, "d001d7f1c8d70b501e1bd69df01ae2d24afe6db4f646d71df534d0345355d89f")]
    [InlineData("notes.txt", 1234567, true, "504c46fa6b904d3d155acf6bafe82aa553a5e3002c0e4a286f7f0514a2d5f518")]
    [InlineData("naïve ünïcode.txt", 0, false, "c7a838d1055a7998148f294011c4e08a4df47b4ec66a80e5cc0144c5530aa389")]
    public void The_header_hash_covers_name_size_sha256_and_overwrite_as_utf8_lines(string name, long size, bool overwrite, string expected)
    {
        Assert.Equal(expected, RequestSigner.UploadHash(name, size, HelloSha256, overwrite));
    }

    [Fact]
    public async Task The_cli_signs_each_upload_call_over_its_header()
    {
        var local = Path.Combine(_work.FullName, "signed.bin");
        await File.WriteAllBytesAsync(local, RandomNumberGenerator.GetBytes(100_000));
        var received = new TaskCompletionSource<(FileHeader Header, Metadata Metadata)>();
        await using var peer = await StubPeer.StartAsync(new StubTransfer
        {
            OnUpload = async (requests, context) =>
            {
                var (header, bytes, sha256) = await StubTransfer.ReceiveAsync(requests, context);
                received.SetResult((header, context.RequestHeaders));
                return new UploadResult { Name = header.Name, ReceivedBytes = bytes, Sha256 = sha256 };
            },
        });
        CliCredentials.Apply(CliApp.Create().Parse(["--key", Key, "files"]));

        var uploader = new FileUploader(peer.Target, SilentProgress.Instance);
        await uploader.UploadAsync(local, overwrite: true, CancellationToken.None);

        var (sent, metadata) = await received.Task;
        var signed = RequestSigner.UploadHash(sent.Name, sent.Size, sent.Sha256, sent.Overwrite);
        string Value(string header) => metadata.GetValue(header.ToLowerInvariant()) ?? "";
        var expected = new RequestSigner(Key, TimeProvider.System)
            .Compute("POST", "/p2p.FileTransfer/Upload", Value(RequestSigner.TimestampHeader), Value(RequestSigner.NonceHeader), signed);
        Assert.True(sent.Overwrite);
        Assert.Equal(expected, Value(RequestSigner.SignatureHeader));
    }
}
