using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using OrleansP2P.Api.Hosting;

namespace OrleansP2P.Integration.Tests.Infrastructure;

/// <summary>
/// A throw-away <c>redis-server</c> on a free loopback port, in a temp folder, with persistence
/// off. Disposing kills it and deletes the folder.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private RedisServer(Process process, string folder, int port) => (_process, _folder, Port) = (process, folder, port);

    public static bool IsInstalled =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, "redis-server")));

    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string the peers are given.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("p2p-redis-").FullName;
        var port = FreePorts.Take(1)[0];
        var start = new ProcessStartInfo("redis-server")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-server");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, folder, port);
        await Poll.UntilAsync(server.PingAsync, pong => pong, TimeSpan.FromSeconds(20), $"redis-server answering PING on {port}");
        return server;
    }

    private async Task<bool> PingAsync()
    {
        if (_process.HasExited)
            throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}");
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
