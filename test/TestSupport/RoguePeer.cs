using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansP2P.Api.Hosting;

namespace OrleansP2P.Testing;

/// <summary>How a <see cref="RoguePeer"/> answers one request (the whole response is up to it).</summary>
public delegate Task RogueAnswer(HttpContext context);

/// <summary>
/// A peer that answers whatever a test scripts: an in-process Kestrel server on 127.0.0.1 and a free port, serving
/// <c>/health</c>, <c>/peers</c>, <c>/register</c>, <c>/search/forward</c>, <c>/pieces/{sha256}</c> and
/// <c>/content/{sha256}</c> through replaceable
/// <see cref="RogueAnswer"/>s (see <see cref="RogueAnswers"/> for canned ones). By default it behaves like an honest,
/// empty peer. It records every forward body it receives, so tests can check what was sent.
/// </summary>
public sealed class RoguePeer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _forwards = new();
    private int _started;

    public RoguePeer(string name = "rogue")
    {
        Name = name;
        var port = FreePorts.Take(1)[0];
        Url = $"http://127.0.0.1:{port}";
        Reset();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // A silent answer holds its request until the client gives up; stopping must not wait for it long.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MinResponseDataRate = null; // a slow drip is the point of some answers
        });
        _app = builder.Build();
        _app.MapGet("/health", context => Health(context));
        _app.MapGet("/peers", context => Peers(context));
        _app.MapPost("/register", context => Register(context));
        _app.MapGet("/pieces/{sha256}", context => Pieces(context));
        _app.MapGet("/content/{sha256}", context => Content(context));
        _app.MapPost("/search/forward", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            _forwards.Enqueue(await reader.ReadToEndAsync(context.RequestAborted));
            await Forward(context);
        });
    }

    public string Name { get; }

    /// <summary>The canonical URL it listens on (<c>http://127.0.0.1:port</c>).</summary>
    public string Url { get; }

    public RogueAnswer Health { get; set; }

    public RogueAnswer Peers { get; set; }

    public RogueAnswer Register { get; set; }

    public RogueAnswer Forward { get; set; }

    public RogueAnswer Pieces { get; set; }

    public RogueAnswer Content { get; set; }

    /// <summary>The bodies of the <c>/search/forward</c> requests received so far, in order of arrival.</summary>
    public IReadOnlyCollection<string> ForwardBodies => _forwards;

    /// <summary>
    /// Back to the honest defaults (health ok under <see cref="Name"/>, no peers, forwards answered with nothing, no
    /// content) and
    /// forgets the forwards received so far.
    /// </summary>
    [MemberNotNull(nameof(Health), nameof(Peers), nameof(Register), nameof(Forward), nameof(Pieces), nameof(Content))]
    public void Reset()
    {
        Health = RogueAnswers.Json($$"""{"status":"ok","peer":"{{Name}}","version":1}""");
        Peers = RogueAnswers.Json("""{"peers":[],"all_peers":[],"stats":{"total":0,"healthy":0,"unhealthy":0}}""");
        Register = RogueAnswers.Json("""{"ok":true,"peers":[]}""");
        Forward = RogueAnswers.Json("""{"results":[],"complete":true,"peers_reached":1}""");
        Pieces = Content = RogueAnswers.Json("", status: StatusCodes.Status404NotFound);
        _forwards.Clear();
    }

    /// <summary>Starts listening (once); the port was chosen when the rogue was made, so <see cref="Url"/> is known before.</summary>
    public async Task<RoguePeer> StartAsync()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
            await _app.StartAsync();
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _started) == 1)
            await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
