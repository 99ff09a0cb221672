using OrleansP2P.Grains.Options;

namespace OrleansP2P.Grains.Tests.Options;

/// <summary>
/// <see cref="PeerOptionsValidator"/>, the validator <see cref="PeerOptionsBinding.AddPeerOptions"/> registers:
/// the generated one-key rules and the hand-written cross-key rules, each failure naming its config key.
/// </summary>
public sealed class PeerOptionsValidatorTests : IDisposable
{
    private const string KeyFile = "peer.key";

    /// <summary>One way to break each key on its own; the validator must name exactly that key.</summary>
    private static readonly Dictionary<string, Action<PeerOptions>> Breakers = new(StringComparer.Ordinal)
    {
        ["name"] = o => o.Name = "has a space",
        ["rest_port"] = o => o.RestPort = 0,
        ["grpc_port"] = o => o.GrpcPort = 70_000,
        ["metrics_port"] = o => o.MetricsPort = -1,
        ["silo_port"] = o => o.SiloPort = 0,
        ["gateway_port"] = o => o.GatewayPort = 65_536,
        ["shared_dir"] = o => o.SharedDir = "/no/such/folder/anywhere",
        ["self_url"] = o => o.SelfUrl = "ftp://peer.example",
        ["friend_primary"] = o => o.FriendPrimary = "not a url",
        ["friend_secondary"] = o => o.FriendSecondary = "http://peer.example:1/path",
        ["bind_address"] = o => o.BindAddress = "peer.example",
        ["search_ttl"] = o => o.SearchTtl = PeerOptions.MaxTtl + 1,
        ["max_fanout"] = o => o.MaxFanout = 0,
        ["search_timeout_ms"] = o => o.SearchTimeoutMs = 1,
        ["search_max_results"] = o => o.SearchMaxResults = PeerOptions.MaxSearchResultsLimit + 1,
        ["max_neighbors"] = o => o.MaxNeighbors = 0,
        ["target_degree"] = o => o.TargetDegree = -1,
        ["health_interval_s"] = o => o.HealthIntervalS = 0,
        ["health_timeout_ms"] = o => o.HealthTimeoutMs = 0,
        ["health_failures"] = o => o.HealthFailures = 0,
        ["rate_limit_per_minute"] = o => o.RateLimitPerMinute = 0,
        ["peer_rate_limit_per_minute"] = o => o.PeerRateLimitPerMinute = 0,
        ["rescan_interval_s"] = o => o.RescanIntervalS = 0,
        ["max_upload_bytes"] = o => o.MaxUploadBytes = -1,
        ["clustering"] = o => o.Clustering = "zookeeper",
        ["storage"] = o => o.Storage = "s3",
        ["role"] = o => o.Role = "proxy",
        ["max_shared_bytes"] = o => o.MaxSharedBytes = -1,
        ["upload_rate_limit"] = o => o.UploadRateLimit = -1,
        ["tls_ca"] = o => o.TlsCa = "/no/such/ca.pem",
        ["allowed_peer_cidrs"] = o => o.AllowedPeerCidrs = ["10.0.0.0/8", "10.0.0.0/33", "not-a-range"],
        ["network_key"] = o => o.NetworkKey = "too-short",
    };

    /// <summary>One way to break each rule that relates keys; the failure must start with the keys involved.</summary>
    private static readonly Dictionary<string, Action<PeerOptions>> CrossKeyBreakers = new(StringComparer.Ordinal)
    {
        ["rest_port, grpc_port, metrics_port, silo_port, gateway_port"] = o => o.SiloPort = o.GatewayPort,
        ["private"] = o => o.Private = true,
        ["tls_cert, tls_key"] = o => o.TlsKey = Path.Combine(o.SharedDir, KeyFile), // exists: only the pairing fails
        ["redis"] = o => o.Clustering = "redis",
        ["role, clustering"] = o => o.Role = PeerRoles.Gateway,
    };

    private readonly TempFolder _folder = new("p2p-options");
    private readonly PeerOptionsValidator _validator = new();

    public PeerOptionsValidatorTests() => _folder.Write(KeyFile, "a key file (its content is checked when the peer loads it)");

    public static TheoryData<string> Keys => new(Breakers.Keys);

    public static TheoryData<string> CrossKeys => new(CrossKeyBreakers.Keys);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_seed_config_is_valid()
    {
        var result = _validator.Validate(null, Valid());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_bad_value_fails_with_one_message_naming_its_key(string key)
    {
        var options = Valid();
        Breakers[key](options);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith(key + ":", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CrossKeys))]
    public void A_broken_cross_key_rule_fails_with_one_message_naming_its_keys(string keys)
    {
        var options = Valid();
        CrossKeyBreakers[keys](options);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith(keys + ":", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_cidr_is_listed()
    {
        var options = Valid();
        options.AllowedPeerCidrs = ["10.0.0.0/8", "10.0.0.0/33", "not-a-range"];

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.Equal("allowed_peer_cidrs: '10.0.0.0/33', 'not-a-range' are not CIDR ranges (for example 10.0.0.0/16)", failure);
    }

    [Fact]
    public void Redis_storage_with_a_connection_string_and_a_long_network_key_are_valid()
    {
        var options = Valid();
        options.Storage = "redis";
        options.Clustering = "redis";
        options.Redis = "127.0.0.1:6379";
        options.NetworkKey = new string('k', 16);
        options.Private = true;

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(PeerRoles.Silo)]
    [InlineData(PeerRoles.Gateway)]
    public void A_silo_or_a_gateway_on_redis_clustering_is_valid(string role)
    {
        var options = Valid();
        options.Role = role;
        options.Clustering = "redis";
        options.Redis = "127.0.0.1:6379";

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(role == PeerRoles.Silo, options.HostsGrains && !options.ServesApi);
    }

    [Fact]
    public void A_missing_shared_dir_is_named()
    {
        var options = Valid();
        options.SharedDir = "";

        Assert.StartsWith("shared_dir:", Assert.Single(_validator.Validate(null, options).Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Ports_that_collide_fail_naming_the_port_keys()
    {
        var options = Valid();
        options.GrpcPort = options.RestPort;

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.Contains("rest_port", failure, StringComparison.Ordinal);
        Assert.Contains("grpc_port", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_key_is_reported_at_once()
    {
        var options = Valid();
        foreach (var breaker in Breakers.Values)
            breaker(options);

        var failures = _validator.Validate(null, options).Failures!;

        Assert.All(Breakers.Keys, key => Assert.Contains(failures, f => f.StartsWith(key + ":", StringComparison.Ordinal)));
        Assert.Equal(Breakers.Count, failures.Count());
    }

    /// <summary>The seed format's keys (configs/peer1.json), with ports for the silo as the host picks them.</summary>
    private PeerOptions Valid() => new()
    {
        Name = "peer1",
        RestPort = 8001,
        GrpcPort = 50051,
        MetricsPort = 9001,
        SiloPort = 11111,
        GatewayPort = 30000,
        SharedDir = _folder.Root,
        FriendPrimary = "http://127.0.0.1:8002",
        FriendSecondary = "",
        SelfUrl = "http://127.0.0.1:8001",
        SearchTtl = 3,
        MaxFanout = 3,
    };
}
