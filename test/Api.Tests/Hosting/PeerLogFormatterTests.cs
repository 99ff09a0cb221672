using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansP2P.Silo;

namespace OrleansP2P.Api.Tests.Hosting;

public sealed class PeerLogFormatterTests
{
    [Fact]
    public void A_line_logged_inside_a_trace_names_its_trace_id_and_stays_one_line()
    {
        var scopes = new LoggerExternalScopeProvider();
        using (scopes.Push(new Dictionary<string, object?> { ["ConnectionId"] = "c1" }))
        using (scopes.Push(new Dictionary<string, object?> { ["TraceId"] = "4bf92f3577b34da6a3ce929d0e0e4736" }))
        {
            var line = Format("query_id=42 hop to http://b:1 failed:\nno answer", scopes);

            Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{3} warn: OrleansP2P\.Test\[7\] trace_id=4bf92f3577b34da6a3ce929d0e0e4736 query_id=42 hop to http://b:1 failed: no answer\n$", line);
        }
    }

    [Fact]
    public void A_line_logged_outside_a_trace_has_no_trace_id()
    {
        var line = Format("started", new LoggerExternalScopeProvider());

        Assert.DoesNotContain("trace_id", line, StringComparison.Ordinal);
        Assert.EndsWith("warn: OrleansP2P.Test[7] started\n", line, StringComparison.Ordinal);
    }

    private static string Format(string message, IExternalScopeProvider scopes)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var entry = new LogEntry<string>(LogLevel.Warning, "OrleansP2P.Test", new EventId(7), message, null, (m, _) => m);
        new PeerLogFormatter().Write(entry, scopes, writer);
        return writer.ToString();
    }
}
