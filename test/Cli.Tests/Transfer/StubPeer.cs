using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansP2P.Cli.Transfer;

namespace OrleansP2P.Cli.Tests.Transfer;

/// <summary>
/// A gRPC peer in the test process (Kestrel, h2c on a free loopback port) that serves a <see cref="StubTransfer"/>:
/// what a broken or hostile source does, which a real peer never would.
/// </summary>
public sealed class StubPeer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubPeer(WebApplication app, Uri address)
    {
        _app = app;
        Target = new GrpcTarget(address);
    }

    public GrpcTarget Target { get; }

    /// <summary>The address as the CLI takes it: <c>127.0.0.1:PORT</c>.</summary>
    public string Grpc => Target.ToString();

    public static async Task<StubPeer> StartAsync(StubTransfer transfer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(transfer);
        var app = builder.Build();
        app.MapGrpcService<StubTransfer>();
        await app.StartAsync();
        return new StubPeer(app, new Uri(app.Urls.Single()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
