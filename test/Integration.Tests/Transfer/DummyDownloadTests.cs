using System.Security.Cryptography;
using Grpc.Core;
using Grpc.Net.Client;
using OrleansP2P.Integration.Tests.Infrastructure;
using OrleansP2P.Protos;

namespace OrleansP2P.Integration.Tests.Transfer;

[Collection(PeerCollection.Name)]
public sealed class DummyDownloadTests
{
    [Fact]
    public async Task A_real_peer_streams_a_shared_file_over_grpc_byte_for_byte()
    {
        var content = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 123);
        await using var peer = await PeerProcess.StartAsync("transfer", dir => File.WriteAllBytes(Path.Combine(dir, "big.bin"), content));
        await peer.WaitForFilesAsync(1);
        var files = await peer.GetJsonAsync("/files");
        var advertised = files.GetProperty("files")[0];

        using var channel = GrpcChannel.ForAddress(peer.GrpcUrl);
        var client = new FileTransfer.FileTransferClient(channel);
        using var call = client.DummyDownload(new FileRequest { Filename = "big.bin" }, deadline: TransferCalls.Deadline());
        using var received = new MemoryStream();
        var expectedSeq = 0;
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(expectedSeq++, chunk.Seq);
            Assert.InRange(chunk.Data.Length, 1, 64 * 1024);
            chunk.Data.WriteTo(received);
        }

        Assert.Equal(content, received.ToArray());
        var sha = Convert.ToHexStringLower(SHA256.HashData(received.ToArray()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), sha);
        Assert.Equal(sha, advertised.GetProperty("checksum").GetString());
        Assert.Equal($"127.0.0.1:{peer.GrpcPort}", advertised.GetProperty("grpc").GetString());
    }

    [Fact]
    public async Task An_unknown_or_path_like_name_is_not_found_and_returns_no_bytes()
    {
        await using var peer = await PeerProcess.StartAsync("transfer-missing", dir => File.WriteAllText(Path.Combine(dir, "a.txt"), "a"));
        using var channel = GrpcChannel.ForAddress(peer.GrpcUrl);
        var client = new FileTransfer.FileTransferClient(channel);

        foreach (var name in new[] { "missing.txt", "../peer.json", "../../etc/passwd", "/etc/passwd" })
        {
            using var call = client.DummyDownload(new FileRequest { Filename = name }, deadline: TransferCalls.Deadline());
            var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
        }
    }
}
