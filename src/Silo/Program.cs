using OrleansP2P.Api.Hosting;
using OrleansP2P.Grains.Options;
using OrleansP2P.Silo;

SocketTuning.Apply();
// No reloading appsettings.json on change: a peer reads its configuration once, and the watcher it needs follows every
// folder under the working directory (a repository checkout: hundreds, several MB and a thread).
var builder = WebApplication.CreateSlimBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
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
