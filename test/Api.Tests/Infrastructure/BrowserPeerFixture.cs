namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// A peer with <c>allowed_hosts</c>: one name on any port, one name on one port only. No discovery; the URLs the tests
/// register answer <c>/health</c> through the fake membership client, so they are admitted without a network.
/// </summary>
public sealed class BrowserPeerFixture : FakeNeighboursPeerFixture
{
    public const string AnyPortHost = "files.example.org";
    public const string OnePortHost = "ui.example.org:8443";

    protected override IReadOnlyDictionary<string, object> ConfigOverrides { get; } = new Dictionary<string, object>
    {
        ["allowed_hosts"] = new[] { AnyPortHost, OnePortHost },
        ["target_degree"] = 0,
    };
}
