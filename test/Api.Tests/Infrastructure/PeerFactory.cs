using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// The real Silo <c>Program</c> hosted in memory (TestServer replaces Kestrel), started with the
/// given seed-format config file.
/// </summary>
public sealed class PeerFactory(string configPath, Action<IServiceCollection>? testServices = null) : WebApplicationFactory<Program>
{
    /// <summary>
    /// <c>UseSetting</c> reaches <c>Program</c> before it reads <c>builder.Configuration["config"]</c>:
    /// for a minimal-hosting entry point the factory hands its host settings to <c>Main</c> as
    /// <c>--key=value</c> arguments, so no <c>CreateHost</c> override is needed.
    /// </summary>
    /// <remarks><paramref name="testServices"/> replaces services (fakes) after the peer registered its own.</remarks>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("config", configPath);
        if (testServices is not null)
            builder.ConfigureTestServices(testServices);
    }
}
