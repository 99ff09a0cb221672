using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OrleansP2P.Protos;

namespace OrleansP2P.Integration.Tests.Transfer;

/// <summary>
/// Raw <c>Download</c>/<c>Upload</c> calls against a real peer, with hooks to cut or corrupt them. The channel trusts
/// the peer's test CA; <paramref name="uploadHeaders"/> makes each upload's metadata (a signature);
/// <paramref name="from"/> is the loopback address the calls come from (127.0.0.2 is another client to the peer).
/// </summary>
public sealed class TransferCalls(PeerProcess peer, Func<Metadata>? uploadHeaders = null, IPAddress? from = null) : IDisposable
{
    public const int UploadChunkSize = 256 * 1024;

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(peer.GrpcUrl, new GrpcChannelOptions { HttpHandler = Handler(peer, from) });

    public FileTransfer.FileTransferClient Client => new(_channel);

    /// <summary>Far above any transfer here (100 MiB takes seconds): a stalled call fails the test instead of hanging the run.</summary>
    public static DateTime Deadline() => DateTime.UtcNow.AddMinutes(2);

    /// <summary>The header and every data byte of one download, and how many data messages carried them.</summary>
    public async Task<(FileHeader Header, byte[] Data, int Chunks)> DownloadAsync(string name, long offset = 0)
    {
        using var call = Client.Download(new DownloadRequest { Name = name, Offset = offset }, deadline: Deadline());
        Assert.True(await FirstAsync(call.ResponseStream, name));
        Assert.Equal(DownloadChunk.PayloadOneofCase.Info, call.ResponseStream.Current.PayloadCase);
        var header = call.ResponseStream.Current.Info;
        using var data = new MemoryStream();
        var chunks = 0;
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(DownloadChunk.PayloadOneofCase.Data, chunk.PayloadCase);
            Assert.InRange(chunk.Data.Length, 1, 1 << 20);
            chunk.Data.WriteTo(data);
            chunks++;
        }
        return (header, data.ToArray(), chunks);
    }

    /// <summary>
    /// The first message of a download. A call that gets none before its deadline (seen twice in CI, never reproduced)
    /// fails with what the peer's transfer board and log said at that moment.
    /// </summary>
    private async Task<bool> FirstAsync(IAsyncStreamReader<DownloadChunk> stream, string name)
    {
        try
        {
            return await stream.MoveNext();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            string transfers;
            try
            {
                transfers = (await peer.GetJsonAsync("/transfers")).GetRawText();
            }
            catch (Exception read) when (read is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                transfers = $"(not read: {read.Message})";
            }
            var log = peer.Log;
            throw new TimeoutException($"Download of '{name}' got no first message before its deadline. /transfers: {transfers}\n"
                + $"the peer's log ends:\n{log[Math.Max(0, log.Length - 6000)..]}", e);
        }
    }

    /// <summary>The status a download ends with before any data.</summary>
    public async Task<StatusCode> DownloadStatusAsync(string name, long offset = 0)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => DownloadAsync(name, offset));
        return error.StatusCode;
    }

    /// <summary>Uploads <paramref name="content"/>; <paramref name="sha256"/> overrides the true hash in the header.</summary>
    public async Task<UploadResult> UploadAsync(string name, byte[] content, string? sha256 = null, bool overwrite = false, long? size = null)
    {
        using var call = Client.Upload(headers: uploadHeaders?.Invoke(), deadline: Deadline());
        // A write still waiting for window when the peer has already answered would wait forever (the stream is done, so
        // neither the deadline nor the connection wakes it): the answer stops the writes.
        var answered = new CancellationTokenSource(); // not disposed: the continuation may run after this returns
        _ = call.ResponseAsync.ContinueWith(_ => answered.Cancel(), TaskScheduler.Default);
        try
        {
            await call.RequestStream.WriteAsync(Info(name, content, sha256, overwrite, size), answered.Token);
            foreach (var chunk in content.Chunk(UploadChunkSize))
                await call.RequestStream.WriteAsync(new UploadChunk { Data = ByteString.CopyFrom(chunk) }, answered.Token);
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or OperationCanceledException)
        {
            // The peer ended the call early; its status comes with the response below.
        }
        return await call.ResponseAsync;
    }

    /// <summary>The status an upload ends with.</summary>
    public async Task<StatusCode> UploadStatusAsync(string name, byte[] content, string? sha256 = null, long? size = null)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(name, content, sha256, size: size));
        return error.StatusCode;
    }

    /// <summary>Sends the header and <paramref name="chunks"/> chunks of <paramref name="content"/>, then cancels the call.</summary>
    public async Task UploadAndCancelAsync(string name, byte[] content, int chunks)
    {
        using var cancel = new CancellationTokenSource();
        using var call = Client.Upload(deadline: Deadline(), cancellationToken: cancel.Token);
        await call.RequestStream.WriteAsync(Info(name, content, null, false, null));
        foreach (var chunk in content.Chunk(UploadChunkSize).Take(chunks))
            await call.RequestStream.WriteAsync(new UploadChunk { Data = ByteString.CopyFrom(chunk) });
        await cancel.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    public void Dispose() => _channel.Dispose();

    private static SocketsHttpHandler Handler(PeerProcess peer, IPAddress? from)
    {
        var handler = peer.Security.CreateHandler();
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(from.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        return handler;
    }

    private static UploadChunk Info(string name, byte[] content, string? sha256, bool overwrite, long? size) => new()
    {
        Info = new FileHeader { Name = name, Size = size ?? content.Length, Sha256 = sha256 ?? TestFiles.Sha256(content), Overwrite = overwrite },
    };
}
