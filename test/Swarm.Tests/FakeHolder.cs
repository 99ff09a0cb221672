using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansP2P.Swarm.Tests;

/// <summary>A holder in the test process (Kestrel on a free loopback port) serving one <see cref="ServedContent"/>.</summary>
public sealed class FakeHolder : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServedContent _served;

    private FakeHolder(WebApplication app, ServedContent served) => (_app, _served) = (app, served);

    public Uri Url => new(_app.Urls.Single());

    public long BytesServed => _served.BytesServed;

    public IEnumerable<int> PiecesAsked => _served.PiecesAsked;

    /// <param name="servedAs">The SHA-256 it answers for (default: the content's own).</param>
    public static async Task<FakeHolder> StartAsync(byte[] content, HolderBehaviour? behaviour = null, string? servedAs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var served = new ServedContent(content, behaviour, servedAs);
        app.MapGet("/pieces/{sha256}", served.PiecesAsync);
        app.MapGet("/content/{sha256}", served.ContentAsync);
        await app.StartAsync();
        return new FakeHolder(app, served);
    }

    public async ValueTask DisposeAsync()
    {
        _served.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
