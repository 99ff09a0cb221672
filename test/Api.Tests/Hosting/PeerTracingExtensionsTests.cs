using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Grains.Diagnostics;

namespace OrleansP2P.Api.Tests.Hosting;

public sealed class PeerTracingExtensionsTests
{
    [Fact]
    public void Without_an_otlp_endpoint_a_peer_has_no_tracer_provider_and_makes_no_spans()
    {
        using var services = Build(endpoint: null);

        Assert.Null(services.GetService<TracerProvider>());
        using var span = PeerTracing.StartSearch("p", Guid.NewGuid(), 0, "client");
        Assert.Null(span);
    }

    [Fact]
    public void An_otlp_endpoint_gives_the_peer_a_tracer_provider_that_records_its_spans()
    {
        using var services = Build(endpoint: "http://127.0.0.1:4318");

        Assert.NotNull(services.GetService<TracerProvider>());
        using var span = PeerTracing.StartSearch("p", Guid.NewGuid(), 0, "client");
        Assert.NotNull(span);
        Assert.True(span.Recorded);
        Assert.Equal("p", span.GetTagItem(PeerTracing.PeerTag));
    }

    private static ServiceProvider Build(string? endpoint)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [PeerTracingExtensions.EndpointKey] = endpoint })
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddPeerTracing(configuration, "p");
        var provider = services.BuildServiceProvider();
        _ = provider.GetService<TracerProvider>(); // built on first resolve; it listens from then on
        return provider;
    }
}
