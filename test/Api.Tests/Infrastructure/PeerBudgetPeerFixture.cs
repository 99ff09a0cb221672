namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>A peer with a small peer budget (<see cref="PerMinute"/> forwards a minute), so strangers get a tenth of it.</summary>
public sealed class PeerBudgetPeerFixture : PeerFixture
{
    public const int PerMinute = 100;

    protected override IReadOnlyDictionary<string, object> ConfigOverrides { get; } = new Dictionary<string, object>
    {
        ["peer_rate_limit_per_minute"] = PerMinute,
        ["target_degree"] = 0,
    };
}
