using Microsoft.Extensions.Options;
using OrleansP2P.Contracts;

namespace OrleansP2P.Grains.Options;

/// <summary>Validates <see cref="PeerOptions"/> at start; every message names the config key.</summary>
public sealed class PeerOptionsValidator : IValidateOptions<PeerOptions>
{
    public ValidateOptionsResult Validate(string? name, PeerOptions o)
    {
        var errors = new List<string>();

        if (string.IsNullOrWhiteSpace(o.Name) || o.Name.Length > 64 || !o.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            errors.Add("name: required, at most 64 characters of letters, digits, '-', '_' or '.'");

        Port(errors, "rest_port", o.RestPort);
        Port(errors, "grpc_port", o.GrpcPort);
        Port(errors, "metrics_port", o.MetricsPort);
        Port(errors, "silo_port", o.SiloPort);
        Port(errors, "gateway_port", o.GatewayPort);
        var ports = new[] { o.RestPort, o.GrpcPort, o.MetricsPort, o.SiloPort, o.GatewayPort }.Where(p => p > 0).ToList();
        if (ports.Count != ports.Distinct().Count())
            errors.Add("rest_port, grpc_port, metrics_port, silo_port, gateway_port: must all differ");

        if (string.IsNullOrWhiteSpace(o.SharedDir))
            errors.Add("shared_dir: required");
        else if (!Directory.Exists(o.SharedDir))
            errors.Add($"shared_dir: folder '{o.SharedDir}' does not exist");

        if (!PeerUrl.TryCanonicalize(o.SelfUrl, out _, out var selfError))
            errors.Add($"self_url: {selfError}");
        if (!string.IsNullOrWhiteSpace(o.FriendPrimary) && !PeerUrl.TryCanonicalize(o.FriendPrimary, out _, out var e1))
            errors.Add($"friend_primary: {e1}");
        if (!string.IsNullOrWhiteSpace(o.FriendSecondary) && !PeerUrl.TryCanonicalize(o.FriendSecondary, out _, out var e2))
            errors.Add($"friend_secondary: {e2}");
        if (!System.Net.IPAddress.TryParse(o.BindAddress, out _) && o.BindAddress != "localhost")
            errors.Add("bind_address: an IP address (0.0.0.0, 127.0.0.1, ...) or localhost");

        Range(errors, "search_ttl", o.SearchTtl, 0, PeerOptions.MaxTtl);
        Range(errors, "max_fanout", o.MaxFanout, 1, PeerOptions.MaxFanoutLimit);
        Range(errors, "search_timeout_ms", o.SearchTimeoutMs, 50, 60_000);
        Range(errors, "max_neighbors", o.MaxNeighbors, 1, 1024);
        Range(errors, "target_degree", o.TargetDegree, 0, 1024);
        Range(errors, "health_interval_s", o.HealthIntervalS, 1, 3600);
        Range(errors, "health_timeout_ms", o.HealthTimeoutMs, 10, 60_000);
        Range(errors, "health_failures", o.HealthFailures, 1, 100);
        Range(errors, "rate_limit_per_minute", o.RateLimitPerMinute, 1, 10_000_000);
        Range(errors, "peer_rate_limit_per_minute", o.PeerRateLimitPerMinute, 1, 10_000_000);
        Range(errors, "rescan_interval_s", o.RescanIntervalS, 1, 86_400);
        if (o.MaxUploadBytes < 0)
            errors.Add("max_upload_bytes: must be 0 or more");
        if (o.MaxSharedBytes < 0)
            errors.Add("max_shared_bytes: must be 0 (unlimited) or more");
        if (o.RequiresSignature && o.NetworkKey.Length < 16)
            errors.Add("network_key: at least 16 characters (use a long random value)");
        if (o.Private && !o.RequiresSignature)
            errors.Add("private: needs network_key");
        if (string.IsNullOrWhiteSpace(o.TlsCert) != string.IsNullOrWhiteSpace(o.TlsKey))
            errors.Add("tls_cert, tls_key: set both or neither");
        foreach (var (key, path) in new[] { ("tls_cert", o.TlsCert), ("tls_key", o.TlsKey), ("tls_ca", o.TlsCa) })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
                errors.Add($"{key}: file '{path}' does not exist");
        }
        foreach (var cidr in o.AllowedPeerCidrs)
        {
            if (!System.Net.IPNetwork.TryParse(cidr, out _))
                errors.Add($"allowed_peer_cidrs: '{cidr}' is not a CIDR range (for example 10.0.0.0/16)");
        }
        if (o.Clustering is not ("localhost" or "redis"))
            errors.Add("clustering: 'localhost' or 'redis'");
        if (o.Storage is not ("file" or "redis"))
            errors.Add("storage: 'file' or 'redis'");
        if ((o.Storage == "redis" || o.Clustering == "redis") && string.IsNullOrWhiteSpace(o.Redis))
            errors.Add("redis: a connection string is required when storage or clustering is 'redis'");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Port(List<string> errors, string key, int value)
    {
        if (value is < 1 or > 65535)
            errors.Add($"{key}: a port between 1 and 65535 (got {value})");
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
            errors.Add($"{key}: must be between {min} and {max} (got {value})");
    }
}
