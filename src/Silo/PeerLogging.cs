namespace OrleansP2P.Silo;

public static class PeerLogging
{
    /// <summary>One line per event; framework chatter (per-request logs, Orleans internals) only from warnings up.</summary>
    public static WebApplicationBuilder UsePeerLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
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
