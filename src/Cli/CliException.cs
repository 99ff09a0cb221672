namespace OrleansP2P.Cli;

/// <summary>A failure the user should see as one line on stderr; the message is the whole explanation.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(message, ExitCodes.Usage);
}
