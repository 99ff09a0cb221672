namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>A peer with a small client budget (<see cref="PerMinute"/> requests a minute) and the default peer budget.</summary>
public sealed class ClientBudgetPeerFixture : PeerFixture
{
    public const int PerMinute = 100;

    protected override IReadOnlyDictionary<string, object> ConfigOverrides { get; } = new Dictionary<string, object>
    {
        ["rate_limit_per_minute"] = PerMinute,
        ["target_degree"] = 0,
    };
}
