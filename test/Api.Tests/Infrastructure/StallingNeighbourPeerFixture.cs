namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeNeighboursPeerFixture"/> with no friend, no discovery, short search deadlines and a health check every
/// second, for neighbours that answer <c>/health</c> but stall searches.
/// </summary>
public sealed class StallingNeighbourPeerFixture : FakeNeighboursPeerFixture
{
    protected override IReadOnlyDictionary<string, object> ConfigOverrides { get; } = new Dictionary<string, object>
    {
        ["friend_primary"] = "",
        ["target_degree"] = 0,
        ["search_timeout_ms"] = 300,
        ["health_interval_s"] = 1,
        ["health_timeout_ms"] = 200,
    };
}
