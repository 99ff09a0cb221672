namespace OrleansP2P.Silo;

public static class PeerLogging
{
    /// <summary>
    /// One line per event (<see cref="PeerLogFormatter"/>), with the trace id of the search or request it belongs to;
    /// framework chatter (per-request logs, Orleans internals) only from warnings up.
    /// </summary>
    public static WebApplicationBuilder UsePeerLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId);
        builder.Logging.AddConsole(o => o.FormatterName = PeerLogFormatter.Name)
            .AddConsoleFormatter<PeerLogFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning); // four lines per peer call otherwise
        builder.Logging.AddFilter("OrleansP2P", LogLevel.Information); // longest prefix wins over "Orleans"
        return builder;
    }
}
