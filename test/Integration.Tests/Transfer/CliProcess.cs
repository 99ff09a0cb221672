using System.Diagnostics;

namespace OrleansP2P.Integration.Tests.Transfer;

/// <summary>
/// The built <c>p2p</c> CLI run as its own process (so a test can kill -9 it): every stdout line goes to
/// <paramref name="onLine"/> as it is printed; the result holds the exit code and all output.
/// </summary>
public static class CliProcess
{
    public sealed record Run(int ExitCode, IReadOnlyList<string> Lines, string Error, bool Killed);

    /// <param name="onLine">Sees each stdout line; returning true kills the process at once (SIGKILL).</param>
    public static async Task<Run> RunAsync(string[] args, Func<string, bool>? onLine = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepoPaths.CliDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the CLI");
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        var lines = new List<string>();
        var killed = false;
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                lines.Add(line);
                if (!killed && onLine?.Invoke(line) == true)
                {
                    process.Kill(entireProcessTree: true);
                    killed = true;
                }
            }
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"p2p {string.Join(' ', args)} did not finish in time; it printed:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
        }
        return new Run(process.ExitCode, lines, await error, killed);
    }
}
