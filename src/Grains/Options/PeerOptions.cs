using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace OrleansP2P.Grains.Options;

/// <summary>
/// One peer's configuration, in the seed's JSON format (snake_case keys at the top level of the
/// config file; each key can be overridden by a <c>P2P__KEY</c> environment variable).
/// </summary>
/// <remarks>
/// The attributes are the rules for one key each (<see cref="PeerOptionsValidator"/> runs them);
/// rules that relate keys to each other are in <see cref="PeerOptionsCrossKeyValidator"/>.
/// </remarks>
public sealed class PeerOptions
{
    private const string NameRule = "required, at most 64 characters of letters, digits, '-', '_' or '.'";

    [Required(ErrorMessage = NameRule), RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = NameRule)]
    [ConfigurationKeyName("name")] public string Name { get; set; } = "";
    [ConfigurationKeyName("rest_port"), Port] public int RestPort { get; set; }
    [ConfigurationKeyName("grpc_port"), Port] public int GrpcPort { get; set; }
    [ConfigurationKeyName("metrics_port"), Port] public int MetricsPort { get; set; }
    [Required(ErrorMessage = "required"), ExistingFolder]
    [ConfigurationKeyName("shared_dir")] public string SharedDir { get; set; } = "";
    [ConfigurationKeyName("data_dir")] public string DataDir { get; set; } = "";
    [ConfigurationKeyName("friend_primary"), PeerUrl(Optional = true)] public string FriendPrimary { get; set; } = "";
    [ConfigurationKeyName("friend_secondary"), PeerUrl(Optional = true)] public string FriendSecondary { get; set; } = "";
    [ConfigurationKeyName("self_url"), PeerUrl] public string SelfUrl { get; set; } = "";
    [ConfigurationKeyName("bind_address"), IpOrLocalhost] public string BindAddress { get; set; } = "0.0.0.0";
    [ConfigurationKeyName("dashboard")] public bool Dashboard { get; set; }
    [ConfigurationKeyName("search_ttl"), Between(0, MaxTtl)] public int SearchTtl { get; set; } = 3;
    [ConfigurationKeyName("max_fanout"), Between(1, MaxFanoutLimit)] public int MaxFanout { get; set; } = 3;
    [ConfigurationKeyName("search_timeout_ms"), Between(50, 60_000)] public int SearchTimeoutMs { get; set; } = 2000;
    [ConfigurationKeyName("search_max_results"), Between(1, MaxSearchResultsLimit)] public int SearchMaxResults { get; set; } = 1000;
    [ConfigurationKeyName("silo_port"), Port] public int SiloPort { get; set; }
    [ConfigurationKeyName("gateway_port"), Port] public int GatewayPort { get; set; }
    [AllowedValues("localhost", "redis", ErrorMessage = "'localhost' or 'redis'")]
    [ConfigurationKeyName("clustering")] public string Clustering { get; set; } = "localhost";
    [AllowedValues(PeerRoles.Peer, PeerRoles.Silo, PeerRoles.Gateway, ErrorMessage = "'peer', 'silo' or 'gateway'")]
    [ConfigurationKeyName("role")] public string Role { get; set; } = PeerRoles.Peer;
    [ConfigurationKeyName("max_neighbors"), Between(1, 1024)] public int MaxNeighbors { get; set; } = 8;
    [ConfigurationKeyName("target_degree"), Between(0, 1024)] public int TargetDegree { get; set; } = 3;
    [ConfigurationKeyName("health_interval_s"), Between(1, 3600)] public int HealthIntervalS { get; set; } = 2;
    [ConfigurationKeyName("health_timeout_ms"), Between(10, 60_000)] public int HealthTimeoutMs { get; set; } = 1000;
    [ConfigurationKeyName("health_failures"), Between(1, 100)] public int HealthFailures { get; set; } = 3;
    [ConfigurationKeyName("rate_limit_per_minute"), Between(1, 10_000_000)] public int RateLimitPerMinute { get; set; } = 600;
    [ConfigurationKeyName("peer_rate_limit_per_minute"), Between(1, 10_000_000)] public int PeerRateLimitPerMinute { get; set; } = 6000;
    [Between(0, long.MaxValue, ErrorMessage = "must be 0 or more (got {0})")]
    [ConfigurationKeyName("max_upload_bytes")] public long MaxUploadBytes { get; set; } = 10L << 30;
    [AllowedValues("file", "redis", ErrorMessage = "'file' or 'redis'")]
    [ConfigurationKeyName("storage")] public string Storage { get; set; } = "file";
    [ConfigurationKeyName("redis")] public string Redis { get; set; } = "";
    [ConfigurationKeyName("rescan_interval_s"), Between(1, 86_400)] public int RescanIntervalS { get; set; } = 30;
    [ConfigurationKeyName("network_key")] public string NetworkKey { get; set; } = "";
    [ConfigurationKeyName("private")] public bool Private { get; set; }
    [ConfigurationKeyName("accept_uploads")] public bool AcceptUploads { get; set; }
    [Between(0, long.MaxValue, ErrorMessage = "must be 0 (unlimited) or more (got {0})")]
    [ConfigurationKeyName("max_shared_bytes")] public long MaxSharedBytes { get; set; }
    [ConfigurationKeyName("max_downloads"), Between(1, 64)] public int MaxDownloads { get; set; } = 3;
    [ConfigurationKeyName("upload_idle_timeout_s"), Between(1, 3600)] public int UploadIdleTimeoutS { get; set; } = 30;
    [Between(0, MaxUploadRateLimit, ErrorMessage = "must be 0 (unlimited) to {2} bytes per second (got {0})")]
    [ConfigurationKeyName("upload_rate_limit")] public long UploadRateLimit { get; set; }
    [ConfigurationKeyName("tls_cert"), ExistingFile] public string TlsCert { get; set; } = "";
    [ConfigurationKeyName("tls_key"), ExistingFile] public string TlsKey { get; set; } = "";
    [ConfigurationKeyName("tls_ca"), ExistingFile] public string TlsCa { get; set; } = "";
    [ConfigurationKeyName("allowed_peer_cidrs"), CidrList] public List<string> AllowedPeerCidrs { get; set; } = [];
    [ConfigurationKeyName("allowed_hosts"), HostList] public List<string> AllowedHosts { get; set; } = [];

    /// <summary>True when peer calls must be signed (<c>network_key</c> set).</summary>
    public bool RequiresSignature => !string.IsNullOrEmpty(NetworkKey);

    /// <summary>True when REST and gRPC listen with TLS (<c>tls_cert</c> and <c>tls_key</c> set).</summary>
    public bool UsesTls => !string.IsNullOrWhiteSpace(TlsCert) && !string.IsNullOrWhiteSpace(TlsKey);

    /// <summary>True when this process hosts a silo (roles <c>peer</c> and <c>silo</c>): it runs grains and their services.</summary>
    public bool HostsGrains => Role != PeerRoles.Gateway;

    /// <summary>True when this process serves REST, the web UI and gRPC (roles <c>peer</c> and <c>gateway</c>).</summary>
    public bool ServesApi => Role != PeerRoles.Silo;

    /// <summary>Maximum hops a search may be given (the REST contract's bound).</summary>
    public const int MaxTtl = 7;

    /// <summary>Maximum neighbours a search may ask per hop (the REST contract's bound).</summary>
    public const int MaxFanoutLimit = 16;

    /// <summary>Largest <c>upload_rate_limit</c> (bytes per second, 10 GB/s): a rate above it is as good as none.</summary>
    public const long MaxUploadRateLimit = 10_000_000_000;

    /// <summary>Largest <c>search_max_results</c>: no answer from a peer of this project holds more files.</summary>
    public const int MaxSearchResultsLimit = 100_000;

    /// <summary>The configured friends that are set (empty strings mean none).</summary>
    public IEnumerable<string> Friends =>
        new[] { FriendPrimary, FriendSecondary }.Where(f => !string.IsNullOrWhiteSpace(f));

    /// <summary>Host part of <see cref="SelfUrl"/> joined to the gRPC port: what <c>/files</c> advertises.</summary>
    public string GrpcAddress => $"{new Uri(SelfUrl).Host}:{GrpcPort}";
}
