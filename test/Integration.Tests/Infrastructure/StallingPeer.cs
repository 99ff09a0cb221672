using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansP2P.Integration.Tests.Infrastructure;

/// <summary>
/// A hostile neighbour on a real loopback port: it answers <c>GET /health</c> as a peer (so it is admitted as a
/// neighbour) and accepts every <c>POST /search/forward</c> without ever answering it.
/// </summary>
public sealed class StallingPeer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StallingPeer(WebApplication app, string url) => (_app, Url) = (app, url);

    public string Url { get; }

    public static async Task<StallingPeer> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/health", () => Results.Json(new { status = "ok", peer = name, version = 1 }));
        app.MapPost("/search/forward", async (CancellationToken aborted) => await Task.Delay(Timeout.Infinite, aborted)); // wait-ok: a neighbour that never answers a search
        await app.StartAsync();
        return new StallingPeer(app, app.Urls.Single());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
