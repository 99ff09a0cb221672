using Microsoft.Extensions.Options;

namespace OrleansP2P.Grains.Options;

/// <summary>
/// The rules of <see cref="PeerOptions"/> that no attribute on one key can state: keys that depend on
/// each other, and <c>network_key</c>, whose length matters only when it is set. Every message names the keys.
/// </summary>
internal sealed class PeerOptionsCrossKeyValidator : IValidateOptions<PeerOptions>
{
    public ValidateOptionsResult Validate(string? name, PeerOptions o)
    {
        var errors = new List<string>();

        // Unset ports (0) are reported by their own key's rule, not as a collision.
        var ports = new[] { o.RestPort, o.GrpcPort, o.MetricsPort, o.SiloPort, o.GatewayPort }.Where(p => p > 0).ToList();
        if (ports.Count != ports.Distinct().Count())
            errors.Add("rest_port, grpc_port, metrics_port, silo_port, gateway_port: must all differ");
        if (o.RequiresSignature && o.NetworkKey.Length < 16)
            errors.Add("network_key: at least 16 characters (use a long random value)");
        if (o.Private && !o.RequiresSignature)
            errors.Add("private: needs network_key");
        if (string.IsNullOrWhiteSpace(o.TlsCert) != string.IsNullOrWhiteSpace(o.TlsKey))
            errors.Add("tls_cert, tls_key: set both or neither");
        if ((o.Storage == "redis" || o.Clustering == "redis") && string.IsNullOrWhiteSpace(o.Redis))
            errors.Add("redis: a connection string is required when storage or clustering is 'redis'");
        if (o.Role is PeerRoles.Silo or PeerRoles.Gateway && o.Clustering != "redis")
            errors.Add($"role, clustering: role '{o.Role}' needs clustering 'redis' (gateways find the peer's silos in its membership table)");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
