using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrleansP2P.Api.PeerClient;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Tests.PeerClient;

public sealed class PeerUrlGuardTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeResolver _resolver = new(new()
    {
        ["metadata.evil.test"] = "169.254.169.254",
        ["peer.example.test"] = "10.0.0.7",
        ["mapped.evil.test"] = "::ffff:169.254.169.254",
    });

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "invalid_url")]
    [InlineData("http://169.254.169.254:80", "link_local")]
    [InlineData("http://metadata.evil.test:80", "link_local")]
    [InlineData("http://mapped.evil.test:80", "link_local")]
    [InlineData("http://[::ffff:169.254.169.254]:80", "link_local")]
    [InlineData("http://[fe80::1]:8001", "link_local")]
    [InlineData("http://0.0.0.0:8001", "unspecified")]
    [InlineData("http://[::]:8001", "unspecified")]
    [InlineData("http://224.0.0.1:8001", "multicast")]
    [InlineData("http://[ff02::1]:8001", "multicast")]
    [InlineData("http://255.255.255.255:8001", "broadcast")]
    [InlineData("http://user:pw@10.0.0.7:8001", "invalid_url")]
    [InlineData("file:///etc/passwd", "invalid_url")]
    public async Task Unsafe_peer_urls_are_refused_with_their_reason(string url, string reason)
    {
        var e = await Assert.ThrowsAsync<PeerRefusedException>(() => Guard().CheckUrlAsync(url, CancellationToken.None));

        Assert.Equal(reason, e.Reason);
    }

    [Theory]
    [InlineData("http://[fd00:ec2::254]/", "metadata")] // AWS' IPv6 instance metadata
    [InlineData("http://100.100.100.200/", "metadata")] // Alibaba Cloud's instance metadata
    [InlineData("http://[fd12:3456::7]:8001", "unique_local")]
    [InlineData("http://[fc00::1]:8001", "unique_local")]
    [InlineData("http://100.64.0.1:8001", "cgnat")]
    [InlineData("http://100.127.255.254:8001", "cgnat")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]:80", "link_local")] // NAT64 of 169.254.169.254
    [InlineData("http://[64:ff9b::6464:64c8]:80", "metadata")] // NAT64 of 100.100.100.200
    [InlineData("http://[64:ff9b::e000:1]:8001", "multicast")] // NAT64 of 224.0.0.1
    public async Task Metadata_unique_local_cgnat_and_nat64_forms_of_refused_addresses_are_refused(string url, string reason)
    {
        var e = await Assert.ThrowsAsync<PeerRefusedException>(() => Guard().CheckUrlAsync(url, CancellationToken.None));

        Assert.Equal(reason, e.Reason);
        Assert.Contains(reason, P2PMetrics.PeerRefusedReasons); // published at 0 before the first refusal
    }

    [Theory]
    [InlineData("http://100.63.255.255:8001")] // just below 100.64.0.0/10
    [InlineData("http://100.128.0.1:8001")] // just above it
    [InlineData("http://[64:ff9b::a00:7]:8001")] // NAT64 of 10.0.0.7
    [InlineData("http://[2001:db8::7]:8001")]
    public async Task Addresses_next_to_the_refused_ranges_stay_allowed(string url) =>
        Assert.Equal(url.ToLowerInvariant(), await Guard().CheckUrlAsync(url, CancellationToken.None));

    [Theory]
    [InlineData("fd12:3456::/32", "http://[fd12:3456::7]:8001", null)]
    [InlineData("100.64.0.0/10", "http://100.64.0.1:8001", null)]
    [InlineData("fd00::/8", "http://[fd00:ec2::254]:80", "metadata")] // metadata stays refused inside an allowed range
    [InlineData("100.64.0.0/10", "http://100.100.100.200:80", "metadata")]
    [InlineData("::/0", "http://[fd12:3456::7]:8001", "unique_local")] // allowing everything does not name the range
    [InlineData("0.0.0.0/0", "http://100.64.0.1:8001", "cgnat")]
    public async Task Unique_local_and_cgnat_peers_are_allowed_only_by_a_cidr_inside_their_range(string cidr, string url, string? reason)
    {
        var guard = Guard(cidrs: [cidr]);

        if (reason is null)
        {
            Assert.Equal(url, await guard.CheckUrlAsync(url, CancellationToken.None));
            return;
        }
        var e = await Assert.ThrowsAsync<PeerRefusedException>(() => guard.CheckUrlAsync(url, CancellationToken.None));
        Assert.Equal(reason, e.Reason);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8001")]
    [InlineData("http://10.0.0.7:8001")]
    [InlineData("https://peer.example.test:8443")]
    [InlineData("http://nowhere.test:8001")] // not resolvable now: checked again when dialled
    public async Task Loopback_and_private_peers_are_allowed_when_no_cidrs_are_configured(string url) =>
        Assert.Equal(url.ToLowerInvariant(), await Guard().CheckUrlAsync(url, CancellationToken.None));

    [Fact]
    public async Task Allowed_peer_cidrs_restrict_peers_to_those_ranges()
    {
        var guard = Guard(cidrs: ["10.0.0.0/16"]);

        Assert.Equal("http://peer.example.test:8001", await guard.CheckUrlAsync("http://peer.example.test:8001", CancellationToken.None));
        var e = await Assert.ThrowsAsync<PeerRefusedException>(() => guard.CheckUrlAsync("http://127.0.0.1:8001", CancellationToken.None));
        Assert.Equal("not_allowed", e.Reason);
    }

    [Fact]
    public async Task The_peer_http_client_never_dials_a_metadata_address_even_when_dns_changes_its_answer()
    {
        var dialled = new ConcurrentQueue<IPAddress>();
        var guard = Guard();
        // Rebinding: the name looks harmless when checked, then points at the metadata service when connecting.
        var answers = new Queue<string>(["10.0.0.7", "169.254.169.254"]);
        _resolver.Answer = host => host == "rebind.evil.test" ? answers.Dequeue() : null;
        Assert.Equal("http://rebind.evil.test:80", await guard.CheckUrlAsync("http://rebind.evil.test:80", CancellationToken.None));

        using var http = new HttpClient(PeerHttpHandler.Create(new PeerOptions(), guard, (addresses, _, _) =>
        {
            foreach (var a in addresses)
                dialled.Enqueue(a);
            throw new IOException("the test dials nothing");
        }));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("http://rebind.evil.test:80/health"));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("http://169.254.169.254/latest/meta-data/"));

        Assert.IsType<PeerRefusedException>(error.InnerException);
        Assert.Empty(dialled);
    }

    [Fact]
    public async Task Refusals_are_counted_by_reason()
    {
        var counted = new ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "p2p.peer.refused" && ReferenceEquals(instrument.Meter.Scope, _services.GetRequiredService<IMeterFactory>()))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (value > 0)
                counted.Enqueue((string)tags[0].Value!);
        });
        listener.Start();

        await Assert.ThrowsAsync<PeerRefusedException>(() => Guard().CheckUrlAsync("http://169.254.169.254:80", CancellationToken.None));

        Assert.Equal(["link_local"], counted);
    }

    private PeerUrlGuard Guard(List<string>? cidrs = null) =>
        new(Microsoft.Extensions.Options.Options.Create(new PeerOptions { AllowedPeerCidrs = cidrs ?? [] }), _resolver,
            new P2PMetrics(_services.GetRequiredService<IMeterFactory>()));
}
