using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace OrleansP2P.Silo;

/// <summary>
/// The console's line: <c>HH:mm:ss.fff level: Category[event] trace_id=… message</c>, the trace id taken from the
/// <c>TraceId</c> logging scope that <see cref="ActivityTrackingOptions.TraceId"/> adds while an activity is current
/// (absent otherwise). A search's lines on every peer it crossed share its trace id; other scopes are left out, and
/// a message or exception over several lines stays on one.
/// </summary>
public sealed class PeerLogFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "peer";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
            return;
        textWriter.Write(DateTime.Now.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture));
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture));
        textWriter.Write("] ");
        if (TraceId(scopeProvider) is { } traceId)
        {
            textWriter.Write("trace_id=");
            textWriter.Write(traceId);
            textWriter.Write(' ');
        }
        textWriter.Write(message.ReplaceLineEndings(" "));
        if (logEntry.Exception is not null)
        {
            textWriter.Write(' ');
            textWriter.Write(logEntry.Exception.ToString().ReplaceLineEndings(" "));
        }
        textWriter.WriteLine();
    }

    private static string? TraceId(IExternalScopeProvider? scopes)
    {
        string? found = null;
        scopes?.ForEachScope((scope, _) =>
        {
            if (found is null && scope is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    if (key == "TraceId")
                        found = value?.ToString();
                }
            }
        }, (object?)null);
        return found;
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
