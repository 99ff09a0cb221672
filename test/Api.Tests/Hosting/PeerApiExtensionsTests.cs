using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.GrainDirectory;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Api.Tests.Hosting;

/// <summary>The host as a whole: config loading, OpenAPI, metrics and unknown routes.</summary>
public sealed partial class PeerApiExtensionsTests(PeerFixture peer) : IClassFixture<PeerFixture>
{
    [Fact]
    public async Task The_config_setting_given_to_the_factory_configures_the_peer()
    {
        var options = peer.Factory.Services.GetRequiredService<IOptions<PeerOptions>>().Value;
        var health = await peer.GetJsonAsync("/health");

        Assert.Equal(peer.Name, health.GetProperty("peer").GetString());
        Assert.Equal(peer.SelfUrl, options.SelfUrl);
        Assert.Equal(peer.Share.SharedDir, options.SharedDir); // relative in the file, resolved against its folder
        Assert.NotEqual(0, options.SiloPort); // absent from the file: a free port was picked
        Assert.NotEqual(options.SiloPort, options.GatewayPort);
    }

    [Fact]
    public async Task The_directory_cache_is_bounded_and_holds_no_search_grain_once_a_search_has_run()
    {
        // Orleans' default would keep one entry per search id, up to a million.
        var services = peer.Factory.Services;
        var directory = services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;
        var cache = Assert.IsType<SearchDirectoryCache>(services.GetRequiredService<IGrainDirectoryCache>());

        var search = await peer.GetJsonAsync("/search?query=anything&ttl=0&cache=false");
        var queryId = Guid.Parse(search.GetProperty("query_id").GetString()!);

        Assert.Equal(GrainDirectoryOptions.CachingStrategyType.Custom, directory.CachingStrategy);
        Assert.False(cache.LookUp(services.GetRequiredService<IGrainFactory>().GetGrain<ISearchGrain>(queryId).GetGrainId(), out _, out _));
    }

    [Theory]
    [InlineData("/health", "get")]
    [InlineData("/files", "get")]
    [InlineData("/peers", "get")]
    [InlineData("/status", "get")]
    [InlineData("/register", "post")]
    [InlineData("/pieces/{sha256}", "get")]
    [InlineData("/content/{sha256}", "get")]
    [InlineData("/content/{sha256}", "head")]
    public async Task The_openapi_document_lists_every_directory_endpoint(string path, string method)
    {
        var document = await peer.GetJsonAsync("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").GetProperty(path).TryGetProperty(method, out _), $"{method} {path} is not in the document");
    }

    [Theory]
    [InlineData("p2p_searches_total")]
    [InlineData("p2p_transfers_total")]
    [InlineData("p2p_index_files")]
    public async Task Metrics_are_prometheus_text_with_each_p2p_instrument_described(string name)
    {
        var text = await peer.GetMetricsAsync();

        Assert.Contains($"# HELP {name} ", text, StringComparison.Ordinal);
        Assert.Contains($"\n{name}{{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_index_gauge_counts_the_shared_files()
    {
        var text = await peer.GetMetricsAsync();

        // OpenTelemetry subscribes to meters by name process-wide, so peers hosted side by side in this
        // test process share one p2p_index_files series (any of them may own the value scraped): the
        // scrape must carry the series, and this peer's own gauge (its meter factory's) must count its files.
        Assert.Matches(IndexFilesSample(), text);
        Assert.Equal(peer.Share.Listed.Count, ObserveOwnIndexFiles());
    }

    [Fact]
    public async Task An_unknown_route_answers_404_problem_details()
    {
        using var response = await peer.Client.GetAsync(new Uri("/no/such/route", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, 404);
    }

    [Fact]
    public async Task A_known_route_with_the_wrong_method_answers_405_problem_details()
    {
        using var response = await peer.Client.GetAsync(new Uri("/register", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, 405);
    }

    /// <summary>Reads the <c>p2p.index.files</c> gauge of this peer's meter only.</summary>
    private long ObserveOwnIndexFiles()
    {
        var factory = peer.Factory.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        long? observed = null;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "p2p.index.files" && ReferenceEquals(instrument.Meter.Scope, factory))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => observed = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return observed ?? throw new Xunit.Sdk.XunitException("this peer publishes no p2p.index.files gauge");
    }

    [GeneratedRegex(@"^p2p_index_files(\{[^}]*\})? (?<value>\d+)", RegexOptions.Multiline)]
    private static partial Regex IndexFilesSample();
}
