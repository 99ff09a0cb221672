using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansP2P.Api.Hosting;

namespace OrleansP2P.Api.Tests.Hosting;

/// <summary>A gateway that has not reached a silo yet: 503 with <c>Retry-After</c> for everything but <c>/metrics</c>.</summary>
public sealed class ClusterGateTests
{
    [Fact]
    public async Task Before_its_first_connection_a_gateway_answers_503_with_retry_after_and_never_calls_the_endpoint()
    {
        var (gate, context, reached) = Create("/files");

        await gate.InvokeAsync(context);

        Assert.False(reached());
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal(ClusterUnavailableHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
        Assert.Contains("not reached any silo", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_served_while_the_gateway_has_no_silo()
    {
        var (gate, context, reached) = Create(PortRoutingMiddleware.MetricsPath);

        await gate.InvokeAsync(context);

        Assert.True(reached());
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_health_probe_before_the_first_connection_fails_as_an_unavailable_cluster()
    {
        var connection = new ClusterConnection(NoCluster.Create(), NullLogger<ClusterConnection>.Instance);

        var asked = false;
        var e = await Assert.ThrowsAnyAsync<Exception>(() => connection.AskAsync(() => { asked = true; return Task.FromResult(1); }));

        Assert.False(asked);

        Assert.True(ClusterUnavailableHandler.IsUnavailable(e), e.GetType().Name);
        Assert.False(connection.IsConnected);
    }

    private static (ClusterGateMiddleware Gate, DefaultHttpContext Context, Func<bool> Reached) Create(string path)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        context.Request.Path = path;
        var reached = false;
        var connection = new ClusterConnection(NoCluster.Create(), NullLogger<ClusterConnection>.Instance);
        var gate = new ClusterGateMiddleware(_ => { reached = true; return Task.CompletedTask; }, connection);
        return (gate, context, () => reached);
    }

    /// <summary>An Orleans client that was never started: any call on it is a test bug.</summary>
    public class NoCluster : DispatchProxy
    {
        public static IClusterClient Create() => Create<IClusterClient, NoCluster>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new NotSupportedException($"{targetMethod?.Name} on a client that never connected");
    }
}
