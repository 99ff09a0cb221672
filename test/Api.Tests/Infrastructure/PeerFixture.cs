using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansP2P.Grains.Indexing;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// One peer per test class: a temp folder holding a <see cref="SampleShare"/> and a seed-format
/// config, the Silo host started on it in memory, and its first index scan completed.
/// Subclasses change the config through <see cref="ConfigOverrides"/> (e.g. rate limits).
/// </summary>
public class PeerFixture : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static int s_instances;

    private readonly TempFolder _folder = new("p2p-api");
    private PeerFactory? _factory;
    private HttpClient? _client;

    public PeerFixture()
    {
        var instance = Interlocked.Increment(ref s_instances);
        Name = $"api-peer-{instance}";
        // Kestrel never binds these (TestServer replaces it); they only need to be valid and distinct,
        // so each fixture takes its own block below the ephemeral range the silo's free ports come from.
        var block = 20_000 + (instance * 10);
        RestPort = block;
        GrpcPort = block + 1;
        MetricsPort = block + 2;
        FriendUrl = $"http://127.0.0.1:{block + 3}";
    }

    public string Name { get; }

    public int RestPort { get; }

    public int GrpcPort { get; }

    public int MetricsPort { get; }

    public string SelfUrl => $"http://127.0.0.1:{RestPort}";

    /// <summary>The configured <c>friend_primary</c>; nothing listens there.</summary>
    public string FriendUrl { get; }

    public SampleShare Share { get; private set; } = null!;

    /// <summary>Config keys added to or replacing the defaults below.</summary>
    protected virtual IReadOnlyDictionary<string, object> ConfigOverrides { get; } = new Dictionary<string, object>();

    /// <summary>Runs before the peer starts (e.g. servers its config points at); nothing by default.</summary>
    protected virtual Task StartingAsync() => Task.CompletedTask;

    /// <summary>Runs after the peer stopped (stops what <see cref="StartingAsync"/> started); nothing by default.</summary>
    protected virtual Task StoppedAsync() => Task.CompletedTask;

    /// <summary>Replaces services of the peer (fakes); nothing by default.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public PeerFactory Factory => _factory ?? throw new InvalidOperationException("the fixture is not initialised");

    public HttpClient Client => _client ?? throw new InvalidOperationException("the fixture is not initialised");

    public async Task InitializeAsync()
    {
        await StartingAsync();
        Share = SampleShare.Create(_folder);
        var config = new Dictionary<string, object>
        {
            ["name"] = Name,
            ["rest_port"] = RestPort,
            ["grpc_port"] = GrpcPort,
            ["metrics_port"] = MetricsPort,
            ["shared_dir"] = "shared", // relative: resolved against the config file's folder
            ["data_dir"] = "data",
            ["friend_primary"] = FriendUrl,
            ["friend_secondary"] = "",
            ["self_url"] = SelfUrl,
            ["bind_address"] = "127.0.0.1",
            ["search_ttl"] = 3,
            ["max_fanout"] = 3,
            ["max_neighbors"] = 64,
            ["accept_uploads"] = true,
        };
        foreach (var (key, value) in ConfigOverrides)
            config[key] = value;
        var configPath = _folder.Write("config.json", JsonSerializer.SerializeToUtf8Bytes(config));

        _factory = new PeerFactory(configPath, ConfigureServices);
        _client = _factory.CreateClient(); // starts the host, and with it the silo and the indexer
        await _factory.Services.GetRequiredService<FileIndexer>().FirstScan.WaitAsync(StartTimeout);
    }

    /// <summary>Stops the host (xunit calls this before <see cref="Dispose"/>).</summary>
    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
        await StoppedAsync();
    }

    /// <summary>Deletes the temp folder, once the host no longer watches it.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
            return;
        _client?.Dispose();
        _factory?.Dispose();
        _folder.Dispose();
    }

    /// <summary>GETs <paramref name="path"/>, expects 200 with a JSON body, and returns the body.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>GETs <c>/metrics</c>, expects 200 Prometheus text, and returns it.</summary>
    public async Task<string> GetMetricsAsync()
    {
        using var response = await Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The <c>/files</c> entry named <paramref name="name"/>, or null when it is not listed.</summary>
    public async Task<JsonElement?> FindListedFileAsync(string name)
    {
        var files = await GetJsonAsync("/files");
        foreach (var file in files.GetProperty("files").EnumerateArray())
        {
            if (file.GetProperty("name").GetString() == name)
                return file;
        }
        return null;
    }

    public Task<HttpResponseMessage> PostRegisterAsync(HttpContent content) =>
        Client.PostAsync(new Uri("/register", UriKind.Relative), content);

    public Task<HttpResponseMessage> PostRegisterAsync(string jsonBody) =>
        PostRegisterAsync(new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>A gRPC channel to the in-memory server.</summary>
    public GrpcChannel CreateGrpcChannel() =>
        GrpcChannel.ForAddress(Factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Factory.Server.CreateHandler() });
}
