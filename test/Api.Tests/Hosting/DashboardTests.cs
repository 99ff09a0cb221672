using System.Net;

namespace OrleansP2P.Api.Tests.Hosting;

/// <summary><c>"dashboard": true</c> mounts the Orleans Dashboard at <c>/dashboard</c>.</summary>
public sealed class DashboardTests(DashboardTests.DashboardPeerFixture peer) : IClassFixture<DashboardTests.DashboardPeerFixture>
{
    [Fact]
    public async Task With_dashboard_on_the_dashboard_page_is_served_and_status_shows_the_key()
    {
        using var response = await peer.Client.GetAsync(new Uri("/dashboard/", UriKind.Relative));
        var status = await peer.GetJsonAsync("/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Orleans", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.True(status.GetProperty("config").GetProperty("dashboard").GetBoolean());
    }

    public sealed class DashboardPeerFixture : PeerFixture
    {
        protected override IReadOnlyDictionary<string, object> ConfigOverrides { get; } = new Dictionary<string, object> { ["dashboard"] = true };
    }
}
