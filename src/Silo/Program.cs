using OrleansP2P.Api.Hosting;
using OrleansP2P.Grains.Options;
using OrleansP2P.Silo;

SocketTuning.Apply();
var builder = WebApplication.CreateBuilder(args);
PeerOptions options;
try
{
    options = PeerConfiguration.Load(builder.Configuration);
    builder.UsePeerLogging().UsePeerRole(options).UsePeerEndpoints(options).UsePeerLifecycle();
}
catch (PeerConfigurationException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

builder.Services.AddPeerOptions(builder.Configuration).AddPeerApi(options.HostsGrains).AddPeerTracing(builder.Configuration, options.Name);

var app = builder.Build();
app.MapPeerApi();
try
{
    await app.RunAsync();
}
catch (Exception e) when (PortInUse.IsCause(e))
{
    Console.Error.WriteLine($"error: {PortInUse.Describe(e, options)}");
    return PortInUse.ExitCode;
}
return 0;

/// <summary>Public so that <c>WebApplicationFactory&lt;Program&gt;</c> can host the peer in tests.</summary>
public partial class Program;
