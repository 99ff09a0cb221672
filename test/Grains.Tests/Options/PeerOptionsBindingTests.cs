using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Grains.Tests.Options;

/// <summary>
/// Configuration to <see cref="PeerOptions"/> through <see cref="PeerOptionsBinding"/>, the path both the
/// start-up check (<c>PeerConfiguration.Load</c>) and the host take.
/// </summary>
public sealed class PeerOptionsBindingTests : IDisposable
{
    private readonly TempFolder _folder = new("p2p-binding");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_seed_keys_bind_to_their_members()
    {
        var options = PeerOptionsBinding.Load(Configuration(("search_ttl", "5"), ("allowed_peer_cidrs:0", "10.0.0.0/16")));

        Assert.Equal("peer1", options.Name);
        Assert.Equal(8001, options.RestPort);
        Assert.Equal(_folder.Root, options.SharedDir);
        Assert.Equal(5, options.SearchTtl);
        Assert.Equal(["10.0.0.0/16"], options.AllowedPeerCidrs);
        Assert.Equal(2000, options.SearchTimeoutMs); // absent: the default
    }

    [Theory]
    [InlineData("search_ttl", "8", "search_ttl: must be between 0 and 7 (got 8)")]
    [InlineData("rest_port", "70000", "rest_port: a port between 1 and 65535 (got 70000)")]
    [InlineData("name", "has a space", "name: required, at most 64 characters of letters, digits, '-', '_' or '.'")]
    [InlineData("self_url", "ftp://peer.example", "self_url: scheme 'ftp' is not allowed: use http or https")]
    [InlineData("storage", "s3", "storage: 'file' or 'redis'")]
    [InlineData("bind_address", "peer.example", "bind_address: an IP address (0.0.0.0, 127.0.0.1, ...) or localhost")]
    public void A_bad_value_fails_with_a_message_that_starts_with_its_key(string key, string value, string message)
    {
        var e = Assert.Throws<OptionsValidationException>(() => PeerOptionsBinding.Load(Configuration((key, value))));

        Assert.Equal(message, Assert.Single(e.Failures));
    }

    [Fact]
    public void A_broken_cross_key_rule_fails_naming_the_keys()
    {
        var e = Assert.Throws<OptionsValidationException>(() => PeerOptionsBinding.Load(Configuration(("grpc_port", "8001"), ("storage", "redis"))));

        Assert.Equal(
            ["rest_port, grpc_port, metrics_port, silo_port, gateway_port: must all differ",
             "redis: a connection string is required when storage or clustering is 'redis'"],
            e.Failures);
    }

    [Fact]
    public void A_value_of_the_wrong_type_fails_naming_its_key()
    {
        var e = Assert.Throws<InvalidOperationException>(() => PeerOptionsBinding.Load(Configuration(("search_ttl", "three"))));

        Assert.Contains("'search_ttl'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_with_the_peer_options_fails_to_start_naming_the_key()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPeerOptions(Configuration(("max_fanout", "0")));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.StartsWith("max_fanout: ", Assert.Single(e.Failures), StringComparison.Ordinal);
    }

    /// <summary>A valid seed-format configuration (configs/peer1.json's keys) with <paramref name="overrides"/> on top.</summary>
    private IConfiguration Configuration(params (string Key, string Value)[] overrides)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["name"] = "peer1",
            ["rest_port"] = "8001",
            ["grpc_port"] = "50051",
            ["metrics_port"] = "9001",
            ["silo_port"] = "11111",
            ["gateway_port"] = "30000",
            ["shared_dir"] = _folder.Root,
            ["friend_primary"] = "http://127.0.0.1:8002",
            ["self_url"] = "http://127.0.0.1:8001",
        };
        foreach (var (key, value) in overrides)
            values[key] = value;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
