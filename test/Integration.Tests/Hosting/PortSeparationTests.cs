using System.Net;
using System.Text;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using OrleansP2P.Integration.Tests.Infrastructure;
using OrleansP2P.Protos;

namespace OrleansP2P.Integration.Tests.Hosting;

/// <summary>
/// What each real port answers: the REST API and the web UI on <c>rest_port</c> only, gRPC alone on <c>grpc_port</c>
/// (h2c with prior knowledge, as <c>curl --http2-prior-knowledge</c> speaks it), and the Host rule on the REST port.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class PortSeparationTests(PortsPeer fixture) : IClassFixture<PortsPeer>, IDisposable
{
    private readonly HttpClient _h2c = new() { Timeout = TimeSpan.FromSeconds(30) };

    private string GrpcUrl => $"http://127.0.0.1:{fixture.Peer.GrpcPort}";

    public void Dispose() => _h2c.Dispose();

    [Theory]
    [InlineData("GET", "/status")]
    [InlineData("GET", "/health")]
    [InlineData("GET", "/files")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/metrics")]
    [InlineData("POST", "/register")]
    public async Task The_grpc_port_answers_no_rest_call_and_no_web_ui(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), GrpcUrl + path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact, // h2c with prior knowledge
        };
        if (method == "POST")
            request.Content = new StringContent("{\"url\":\"http://127.0.0.1:41\"}", Encoding.UTF8, "application/json");

        using var response = await _h2c.SendAsync(request);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("127.0.0.1:41", (await fixture.Peer.GetJsonAsync("/peers")).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_grpc_port_still_serves_file_transfer_and_health()
    {
        using var channel = GrpcChannel.ForAddress(GrpcUrl);

        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        using var download = new FileTransfer.FileTransferClient(channel).Download(new DownloadRequest { Name = "missing.txt" });
        var missing = await Assert.ThrowsAsync<RpcException>(() => download.ResponseStream.MoveNext());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_rebound_host_is_421_on_the_rest_port_and_the_metrics_port_answers_any_name()
    {
        using var http = new HttpClient();
        using var rest = new HttpRequestMessage(HttpMethod.Get, fixture.Peer.Url + "/status");
        rest.Headers.Host = $"rebind.evil.example:{fixture.Peer.RestPort}";
        using var metrics = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{fixture.Peer.MetricsPort}/metrics");
        metrics.Headers.Host = $"silo-a:{fixture.Peer.MetricsPort}";

        using var refused = await http.SendAsync(rest);
        using var scraped = await http.SendAsync(metrics);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(fixture.Peer.Url + "/status")).StatusCode);
    }
}
