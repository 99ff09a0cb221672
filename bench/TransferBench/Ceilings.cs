using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace OrleansP2P.Bench;

/// <summary>What the machine allows at best: raw TCP over loopback, SHA-256 on one core, the disk, and all three together.</summary>
public static class Ceilings
{
    private const int BufferSize = 1 << 20;

    /// <summary>A plain socket sender and receiver in this process moving <paramref name="bytes"/>.</summary>
    public static Task<TimeSpan> TcpLoopbackAsync(long bytes) => TcpLoopbackAsync(bytes, store: null);

    /// <summary>
    /// The best a verified, stored transfer can do here with no protocol at all: the same socket pair; the receiver
    /// hands each buffer to a second task that hashes it with SHA-256 and writes it to a new file in
    /// <paramref name="folder"/> (receiving overlaps storing, as in the CLI), then fsync — the work any verified
    /// download must do, on the same two cores the sender uses.
    /// </summary>
    public static async Task<TimeSpan> TcpHashAndStoreAsync(string folder, long bytes)
    {
        var path = Path.Combine(folder, "verified-ceiling.bin");
        try
        {
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var free = Channel.CreateUnbounded<byte[]>();
            var full = Channel.CreateUnbounded<(byte[] Buffer, int Length)>();
            for (var i = 0; i < 8; i++)
                free.Writer.TryWrite(new byte[BufferSize]);
            var storing = Task.Run(async () =>
            {
                await foreach (var (buffer, length) in full.Reader.ReadAllAsync())
                {
                    hash.AppendData(buffer, 0, length);
                    file.Write(buffer, 0, length);
                    free.Writer.TryWrite(buffer);
                }
                hash.GetHashAndReset();
                file.Flush(flushToDisk: true);
            });
            return await TcpLoopbackAsync(bytes, new Store(
                async () => await free.Reader.ReadAsync(),
                (buffer, length) => full.Writer.TryWrite((buffer, length)),
                async () =>
                {
                    full.Writer.Complete();
                    await storing;
                }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>How a receiver gets an empty buffer, hands over a filled one, and waits for everything to be stored.</summary>
    private sealed record Store(Func<Task<byte[]>> Rent, Action<byte[], int> Hand, Func<Task> Finish);

    private static async Task<TimeSpan> TcpLoopbackAsync(long bytes, Store? store)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var started = Stopwatch.GetTimestamp();
        var receive = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            var buffer = store is null ? new byte[BufferSize] : await store.Rent();
            long total = 0;
            int read;
            while ((read = await socket.ReceiveAsync(buffer)) > 0)
            {
                total += read;
                if (store is not null)
                {
                    store.Hand(buffer, read);
                    buffer = await store.Rent();
                }
            }
            if (store is not null)
                await store.Finish();
            return total;
        });
        using (var sender = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await sender.ConnectAsync(IPAddress.Loopback, port);
            var buffer = new byte[BufferSize];
            Random.Shared.NextBytes(buffer);
            for (long sent = 0; sent < bytes; sent += buffer.Length)
                await sender.SendAsync(buffer);
            sender.Shutdown(SocketShutdown.Send);
            if (await receive != bytes)
                throw new InvalidOperationException("TCP receiver got a different byte count");
        }
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Writing <paramref name="bytes"/> to a new file in <paramref name="folder"/>, then fsync: what a verified download must end with.</summary>
    public static TimeSpan DiskWrite(string folder, long bytes)
    {
        var buffer = new byte[BufferSize];
        Random.Shared.NextBytes(buffer);
        var path = Path.Combine(folder, "disk-ceiling.bin");
        var started = Stopwatch.GetTimestamp();
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            for (long done = 0; done < bytes; done += buffer.Length)
                file.Write(buffer);
            file.Flush(flushToDisk: true);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        File.Delete(path);
        return elapsed;
    }

    /// <summary>SHA-256 of <paramref name="bytes"/> in memory on one core.</summary>
    public static TimeSpan Sha256SingleCore(long bytes)
    {
        var buffer = new byte[BufferSize];
        Random.Shared.NextBytes(buffer);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var started = Stopwatch.GetTimestamp();
        for (long done = 0; done < bytes; done += buffer.Length)
            hash.AppendData(buffer);
        hash.GetHashAndReset();
        return Stopwatch.GetElapsedTime(started);
    }
}
