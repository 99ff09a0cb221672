using Microsoft.AspNetCore.Http;
using OrleansP2P.Api.Security;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Tests.Security;

/// <summary>How Host and Origin are judged (<see cref="PeerHosts"/>), on a peer whose <c>self_url</c> is a service name.</summary>
public sealed class PeerHostsTests
{
    private readonly PeerHosts _hosts = new(Microsoft.Extensions.Options.Options.Create(new PeerOptions
    {
        SelfUrl = "http://peer1:8001",
        AllowedHosts = ["Files.Example.org", "ui.example.org:8443", "[fd12::5]:8001"],
    }));

    [Theory]
    [InlineData("peer1:8001", true)] // compose: another container calls the service name
    [InlineData("PEER1:9999", true)] // self_url's host on any port, in any case
    [InlineData("127.0.0.1:8001", true)] // compose: the browser on the host
    [InlineData("[::1]:8001", true)]
    [InlineData("localhost", true)]
    [InlineData("files.example.org", true)]
    [InlineData("ui.example.org:8443", true)]
    [InlineData("[fd12::5]:8001", true)]
    [InlineData("ui.example.org", false)] // port 80: not the entry's 8443
    [InlineData("peer1.evil.example:8001", false)]
    [InlineData("", false)]
    public void Hosts_served_are_ip_literals_localhost_the_self_url_host_and_allowed_hosts(string host, bool served) =>
        Assert.Equal(served, _hosts.Serves(new HostString(host), https: false));

    [Fact]
    public void An_allowed_host_without_a_port_on_https_is_compared_on_443()
    {
        var hosts = new PeerHosts(Microsoft.Extensions.Options.Options.Create(new PeerOptions
        {
            SelfUrl = "https://10.0.0.5:8001", AllowedHosts = ["files.example.org:443"],
        }));

        Assert.True(hosts.Serves(new HostString("files.example.org"), https: true));
        Assert.False(hosts.Serves(new HostString("files.example.org"), https: false));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8001", "127.0.0.1:8001", true)] // compose: the page's origin is the Host it asked
    [InlineData("http://peer1:8001", "127.0.0.1:8001", true)] // self_url
    [InlineData("https://files.example.org", "127.0.0.1:8001", true)] // an entry without a port: any port
    [InlineData("https://ui.example.org:8443", "127.0.0.1:8001", true)]
    [InlineData("https://proxy.example.org", "proxy.example.org", true)] // default ports left out of both
    [InlineData("http://peer1:8002", "127.0.0.1:8001", false)] // self_url's host on another port
    [InlineData("http://127.0.0.1:8002", "127.0.0.1:8001", false)] // another peer's UI on the same machine
    [InlineData("https://ui.example.org", "127.0.0.1:8001", false)]
    [InlineData("http://proxy.example.org", "proxy.example.org:8443", false)]
    [InlineData("null", "127.0.0.1:8001", false)]
    [InlineData("http://127.0.0.1:8001/path", "127.0.0.1:8001", false)] // not an origin
    [InlineData("chrome-extension://abc", "127.0.0.1:8001", false)]
    public void An_origin_is_own_when_its_host_and_port_are_the_hosts_or_self_urls_or_allowed(string origin, string host, bool own) =>
        Assert.Equal(own, _hosts.IsOwnOrigin(origin, new HostString(host)));

    [Theory]
    [InlineData("files.example.org", "files.example.org", null)]
    [InlineData("10.0.0.5:8001", "10.0.0.5", 8001)]
    [InlineData("[FD12::5]:8001", "fd12::5", 8001)]
    [InlineData("example.org:80", "example.org", 80)]
    public void Allowed_hosts_entries_are_a_host_and_an_optional_port(string entry, string host, int? port)
    {
        Assert.True(AllowedHost.TryParse(entry, out var parsed));

        Assert.Equal(new AllowedHost(host, port), parsed with { Host = parsed.Host.ToLowerInvariant() });
    }

    [Fact]
    public void Bad_allowed_hosts_entries_fail_at_start_naming_the_key()
    {
        var options = new PeerOptions { AllowedHosts = ["ok.example.org", "http://x.example.org", "a/b", "user@host", ""] };

        var failures = new PeerOptionsValidator().Validate(null, options).Failures ?? [];

        Assert.Contains("allowed_hosts: 'http://x.example.org', 'a/b', 'user@host', '' are not hosts", string.Join("\n", failures), StringComparison.Ordinal);
    }
}
