using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OrleansP2P.Api.Hosting;

namespace OrleansP2P.Api.Tests.Hosting;

public sealed class UnavailableExceptionHandlerTests
{
    [Fact]
    public async Task An_orleans_runtime_failure_becomes_a_503_problem_with_retry_after()
    {
        var (handler, context) = Create();

        var handled = await handler.TryHandleAsync(context, new SiloUnavailableException("forwarding failed"), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("forwarding failed", problem.ToString(), StringComparison.Ordinal); // internals stay inside
    }

    [Fact]
    public async Task Other_exceptions_are_left_to_the_default_handler()
    {
        var (handler, context) = Create();

        Assert.False(await handler.TryHandleAsync(context, new InvalidOperationException("bug"), CancellationToken.None));
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    private static (UnavailableExceptionHandler, DefaultHttpContext) Create()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        return (new UnavailableExceptionHandler(services.GetRequiredService<IProblemDetailsService>()), context);
    }
}
