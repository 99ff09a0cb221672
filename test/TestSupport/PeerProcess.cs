using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansP2P.Api.Hosting;

namespace OrleansP2P.Testing;

/// <summary>
/// A real peer: the built Silo.dll in its own process, with a generated seed-format config on
/// free loopback ports. Disposing kills it and deletes its folders.
/// </summary>
public sealed class PeerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private Process _process;
    private readonly StringBuilder _log = new();

    private PeerProcess(string name, string folder, int[] ports, Process process, PeerSecurity security, bool servesApi)
    {
        Security = security;
        ServesApi = servesApi;
        Ports = ports;
        Name = name;
        Folder = folder;
        (RestPort, GrpcPort, MetricsPort) = (ports[0], ports[1], ports[2]);
        _process = process;
        Http = security.CreateClient(new Uri(Url));
    }

    public string Name { get; }

    /// <summary>False for a silo behind gateways (<c>role: silo</c>): it listens on its metrics port only.</summary>
    public bool ServesApi { get; }
    public int[] Ports { get; }
    public string ConfigPath => Path.Combine(Folder, "peer.json");
    public string Folder { get; }
    public int RestPort { get; }
    public int GrpcPort { get; }
    public int MetricsPort { get; }
    public PeerSecurity Security { get; }
    public string Url => $"{Security.Scheme}://127.0.0.1:{RestPort}";
    public string GrpcUrl => $"{Security.Scheme}://127.0.0.1:{GrpcPort}";
    public string SharedDir => Path.Combine(Folder, "shared");
    public HttpClient Http { get; }
    public bool HasExited => _process.HasExited;

    /// <summary>The operating system's id of the peer's process (for its memory, in benchmarks).</summary>
    public int ProcessId => _process.Id;

    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    /// <summary>
    /// Makes the peer's folder (shared dir included) and config and starts it; <paramref name="prepare"/>
    /// fills the shared dir; <paramref name="ports"/> (rest, grpc, metrics, silo, gateway) when chosen in advance.
    /// Ports it chooses itself are chosen again if another process took one first.
    /// </summary>
    public static Task<PeerProcess> StartAsync(
        string name, Action<string>? prepare = null, IReadOnlyDictionary<string, object?>? config = null, int[]? ports = null,
        PeerSecurity? security = null) =>
        StartAsync(name, prepare, config, ports is null ? () => FreePorts.Take(5) : () => ports, ports is null ? PortAttempts : 1, security);

    /// <summary>Starts a peer on the ports <paramref name="choosePorts"/> gives, choosing again (up to <paramref name="attempts"/> times) when a bind fails.</summary>
    public static async Task<PeerProcess> StartAsync(
        string name, Action<string>? prepare, IReadOnlyDictionary<string, object?>? config, Func<int[]> choosePorts, int attempts,
        PeerSecurity? security = null)
    {
        security ??= PeerSecurity.Of(config);
        var folder = Directory.CreateTempSubdirectory($"p2p-{name}-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "shared"));
        prepare?.Invoke(Path.Combine(folder, "shared"));
        for (var attempt = 1; ; attempt++)
        {
            var ports = choosePorts();
            var configPath = Path.Combine(folder, "peer.json");
            await WriteConfigAsync(configPath, ConfigFor(name, ports, security), config);
            var peer = new PeerProcess(name, folder, ports, Launch(configPath), security, servesApi: config?.GetValueOrDefault("role") is not "silo");
            peer.Capture();
            try
            {
                await peer.WaitHealthyAsync();
                return peer;
            }
            catch (InvalidOperationException) when (attempt < attempts && peer.HasExited && peer._process.ExitCode == PortInUse.ExitCode)
            {
                // Another process bound one of the ports between their choice and the peer's bind: choose again.
                peer._process.Dispose();
                peer.Http.Dispose();
            }
            catch
            {
                await peer.DisposeAsync();
                throw;
            }
        }
    }

    private const int PortAttempts = 3;

    private static JsonObject ConfigFor(string name, int[] ports, PeerSecurity security) => new()
    {
        ["name"] = name,
        ["rest_port"] = ports[0],
        ["grpc_port"] = ports[1],
        ["metrics_port"] = ports[2],
        ["shared_dir"] = "shared",
        ["data_dir"] = "data",
        ["friend_primary"] = "",
        ["friend_secondary"] = "",
        ["self_url"] = $"{security.Scheme}://127.0.0.1:{ports[0]}",
        ["bind_address"] = "127.0.0.1",
        ["search_ttl"] = 3,
        ["max_fanout"] = 3,
        ["target_degree"] = 0,
        ["silo_port"] = ports[3],
        ["gateway_port"] = ports[4],
    };

    /// <summary>Kills the peer (if it still runs) and starts it again on the same ports and folders, with <paramref name="changes"/> applied to its config.</summary>
    public async Task RestartAsync(IReadOnlyDictionary<string, object?>? changes = null)
    {
        await KillAsync();
        _process.Dispose();
        var json = JsonNode.Parse(await File.ReadAllTextAsync(ConfigPath))!.AsObject();
        await WriteConfigAsync(ConfigPath, json, changes);
        _process = Launch(ConfigPath);
        Capture();
        await WaitHealthyAsync();
    }

    private static Task WriteConfigAsync(string path, JsonObject json, IReadOnlyDictionary<string, object?>? changes)
    {
        foreach (var (key, value) in changes ?? new Dictionary<string, object?>())
            json[key] = JsonSerializer.SerializeToNode(value);
        return File.WriteAllTextAsync(path, json.ToJsonString());
    }

    /// <summary>Runs the peer binary to completion (for configs that must fail) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string configPath, TimeSpan timeout)
    {
        using var process = Launch(configPath);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the peer did not exit within {timeout}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{Name} {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task RegisterAsync(string url)
    {
        using var response = await Http.PostAsJsonAsync("/register", new { url });
        response.EnsureSuccessStatusCode();
    }

    public Task WaitForFilesAsync(int count) =>
        Poll.UntilAsync(() => GetJsonAsync("/files"), f => f.GetProperty("files").GetArrayLength() >= count, StartTimeout,
            $"{Name} indexing {count} files");

    /// <summary>Sends SIGTERM (a graceful stop) and returns the exit code once the peer has exited.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    private static Process Launch(string configPath)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(configPath)!,
        };
        var silo = RepoPaths.SiloDll;
        start.ArgumentList.Add(silo);
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configPath);
        PeerRuntime.Apply(start, silo);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    private void Capture()
    {
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }

    /// <summary>
    /// One /health probe (a silo behind gateways: /metrics on its metrics port, its only listener), given up after a few
    /// seconds: whatever else listens on a taken port may never answer.
    /// </summary>
    private async Task<bool> AnswersHealthAsync()
    {
        using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var response = await Http.GetAsync(ServesApi ? "/health" : $"http://127.0.0.1:{MetricsPort}/metrics", probe.Token);
        return response.IsSuccessStatusCode;
    }

    private async Task WaitHealthyAsync()
    {
        try
        {
            await Poll.UntilAsync(
                async () => !_process.HasExited && await AnswersHealthAsync(),
                healthy => healthy || _process.HasExited, StartTimeout, $"{Name} answering /health");
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"{Name} did not start; its log:\n{Log}", e);
        }
        if (_process.HasExited)
        {
            await _process.WaitForExitAsync(); // also waits for the last lines of its output, which explain the exit
            throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}; its log:\n{Log}");
        }
    }
}
