using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using OrleansP2P.Api.Hosting;

namespace OrleansP2P.Api.Tests.Hosting;

/// <summary>A peer backed by several silos answers 503 while a dead silo is not yet declared dead.</summary>
public sealed class ClusterUnavailableHandlerTests
{
    public static TheoryData<Exception> Unavailable => new()
    {
        new SiloUnavailableException("the silo holding the grain died"),
        new TimeoutException("Response did not arrive on time"),
        new AggregateException(new SiloUnavailableException("wrapped")),
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public async Task An_unavailable_cluster_becomes_a_503_problem_with_retry_after(Exception exception)
    {
        var (handler, context) = Create();

        var handled = await handler.TryHandleAsync(context, exception, CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Other_exceptions_are_left_to_the_default_handler()
    {
        var (handler, context) = Create();

        var handled = await handler.TryHandleAsync(context, new InvalidOperationException("a bug"), CancellationToken.None);

        Assert.False(handled);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    private static (ClusterUnavailableHandler, DefaultHttpContext) Create()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        context.Request.Path = "/files";
        var handler = new ClusterUnavailableHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ClusterUnavailableHandler>.Instance);
        return (handler, context);
    }
}
