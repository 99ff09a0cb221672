using System.Security.Cryptography;
using Grpc.Core;
using OrleansP2P.Integration.Tests.Infrastructure;
using OrleansP2P.Protos;

namespace OrleansP2P.Integration.Tests.Transfer;

/// <summary>SIGTERM: transfers in flight finish, then the peer exits 0.</summary>
[Collection(PeerCollection.Name)]
public sealed class ShutdownTests
{
    private const string Name = "draining.bin";

    [Fact]
    public async Task A_download_in_flight_when_the_peer_is_told_to_stop_finishes_verified_and_the_peer_exits_0()
    {
        await using var peer = await PeerProcess.StartAsync("drain", dir => TestFiles.Write(Path.Combine(dir, Name), 24L << 20));
        await peer.WaitForFilesAsync(1);
        using var calls = new TransferCalls(peer);
        using var call = calls.Client.Download(new DownloadRequest { Name = Name }, deadline: TransferCalls.Deadline());
        Assert.True(await call.ResponseStream.MoveNext());
        var header = call.ResponseStream.Current.Info;
        // The first data message: the transfer is under way, and the peer is held by HTTP/2 flow control (64 KiB
        // windows that grow only as this client reads), so most of the file is still to be sent.
        Assert.True(await call.ResponseStream.MoveNext());
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long received = call.ResponseStream.Current.Data.Length;
        sha256.AppendData(call.ResponseStream.Current.Data.Span);

        var exit = peer.TerminateAsync(TimeSpan.FromSeconds(30));
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            sha256.AppendData(chunk.Data.Span);
            received += chunk.Data.Length;
        }

        Assert.Equal(header.Size, received);
        Assert.Equal(header.Sha256, Convert.ToHexStringLower(sha256.GetHashAndReset()));
        Assert.Equal(0, await exit);
    }
}
