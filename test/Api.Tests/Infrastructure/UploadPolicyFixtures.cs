namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>A peer with the default upload policy: <c>accept_uploads</c> off.</summary>
public sealed class NoUploadsPeerFixture : PeerFixture
{
    protected override IReadOnlyDictionary<string, object> ConfigOverrides { get; } = new Dictionary<string, object>
    {
        ["accept_uploads"] = false,
    };
}

/// <summary>A peer that accepts uploads into a shared folder capped at 1 MiB (the sample share is far smaller).</summary>
public sealed class QuotaPeerFixture : PeerFixture
{
    public const long Quota = 1 << 20;

    protected override IReadOnlyDictionary<string, object> ConfigOverrides { get; } = new Dictionary<string, object>
    {
        ["max_shared_bytes"] = Quota,
    };
}
