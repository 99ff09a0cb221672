namespace OrleansP2P.Cli.Tests;

/// <summary>One run of the <c>p2p</c> entry point in this process: its exit code and what it printed.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs <c>p2p ARGS</c>, capturing stdout and stderr; the credentials are forgotten afterwards.</summary>
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exitCode = await CliApp.RunAsync(args);
            return new CliRun(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            ProcessState.ForgetCredentials();
        }
    }

    /// <summary>Stderr is exactly one line (a failure explained once, no stack trace) and contains every part.</summary>
    public void AssertOneErrorLine(params string[] parts)
    {
        var lines = Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:{Environment.NewLine}{Error}");
        foreach (var part in parts)
            Assert.Contains(part, lines[0], StringComparison.Ordinal);
    }
}
