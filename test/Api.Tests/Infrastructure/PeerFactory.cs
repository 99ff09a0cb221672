using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// The real Silo <c>Program</c> hosted in memory (TestServer replaces Kestrel), started with the
/// given seed-format config file.
/// </summary>
public sealed class PeerFactory(string configPath) : WebApplicationFactory<Program>
{
    /// <summary>
    /// <c>UseSetting</c> reaches <c>Program</c> before it reads <c>builder.Configuration["config"]</c>:
    /// for a minimal-hosting entry point the factory hands its host settings to <c>Main</c> as
    /// <c>--key=value</c> arguments, so no <c>CreateHost</c> override is needed.
    /// </summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("config", configPath);
}
