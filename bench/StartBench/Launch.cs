using System.Diagnostics;
using System.Net;
using OrleansP2P.Testing;

namespace OrleansP2P.Bench.Start;

/// <summary>
/// One launched process: <c>dotnet DLL ARGS</c>, timed from just before the launch to its first 200 on a URL (polled
/// every <see cref="PollInterval"/>, so that is the resolution), and measured again once idle. Killed on dispose.
/// </summary>
public sealed class Launch : IDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    private readonly Process _process;
    private readonly long _started;

    private Launch(Process process, long started) => (_process, _started) = (process, started);

    /// <summary>
    /// Starts <c>dotnet DLL ARGS</c>; with <paramref name="runtimeOf"/> (a Silo.dll), in the environment the launchers give
    /// a peer started from it (<see cref="PeerRuntime"/>).
    /// </summary>
    public static Launch Start(string dll, string? runtimeOf, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (runtimeOf is not null)
            PeerRuntime.Apply(info, runtimeOf);
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"dotnet {dll} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Launch(process, started);
    }

    /// <summary>Milliseconds from launch until <paramref name="url"/> first answered 200 (connection refused and 503 are retried).</summary>
    public async Task<double> UntilOkAsync(HttpClient http, string url, TimeSpan timeout)
    {
        using var tick = new PeriodicTimer(PollInterval);
        using var deadline = new CancellationTokenSource(timeout);
        while (!_process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(url, deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                    return Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await tick.WaitForNextTickAsync(deadline.Token);
        }
        throw new InvalidOperationException($"the process exited with {_process.ExitCode} before {url} answered");
    }

    /// <summary>CPU time (user + system) the process has used so far.</summary>
    public TimeSpan Cpu()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Resident set size now, in MB (<c>VmRSS</c>).</summary>
    public double RssMb()
    {
        _process.Refresh();
        return _process.WorkingSet64 / (1024.0 * 1024.0);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
