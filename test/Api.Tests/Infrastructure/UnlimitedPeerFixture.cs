namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// A peer whose rate limits are as high as the config allows, so a flood of test requests is
/// answered on its merits and never masked by 429. Searches stay on this peer (default ttl 0,
/// short deadline, no discovery) and the neighbour table is small, so hostile but valid URLs that
/// get registered cannot make the run slow.
/// </summary>
public sealed class UnlimitedPeerFixture : PeerFixture
{
    protected override IReadOnlyDictionary<string, object> ConfigOverrides { get; } = new Dictionary<string, object>
    {
        ["rate_limit_per_minute"] = 10_000_000,
        ["peer_rate_limit_per_minute"] = 10_000_000,
        ["search_ttl"] = 0,
        ["search_timeout_ms"] = 300,
        ["target_degree"] = 0,
        ["max_neighbors"] = 4,
    };
}
