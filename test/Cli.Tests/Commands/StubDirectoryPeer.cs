using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Cli.Tests.Commands;

/// <summary>A REST peer in the test process (Kestrel on a free loopback port) whose <c>GET /files</c> answers a fixed list.</summary>
public sealed class StubDirectoryPeer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubDirectoryPeer(WebApplication app) => (_app, Url) = (app, app.Urls.Single());

    /// <summary>The peer's REST URL, as <c>--peer</c> takes it.</summary>
    public string Url { get; }

    public static async Task<StubDirectoryPeer> StartAsync(params FileDto[] files)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/files", () => TypedResults.Json(new FilesResponse("stub", "http://127.0.0.1:1", files), P2PJson.Options));
        await app.StartAsync();
        return new StubDirectoryPeer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
