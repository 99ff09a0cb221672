namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// A peer that serves at most <see cref="BytesPerSecond"/> (<c>upload_rate_limit</c>) and has a tiny client budget
/// (<see cref="PerMinute"/> requests a minute), so a test sees both what the rate bounds and what the budget does not.
/// </summary>
public sealed class ThrottledPeerFixture : PeerFixture
{
    public const int BytesPerSecond = 400_000;
    public const int PerMinute = 5;

    protected override IReadOnlyDictionary<string, object> ConfigOverrides { get; } = new Dictionary<string, object>
    {
        ["upload_rate_limit"] = BytesPerSecond,
        ["rate_limit_per_minute"] = PerMinute,
        ["target_degree"] = 0,
    };
}
