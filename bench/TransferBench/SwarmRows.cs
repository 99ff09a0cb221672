using System.Diagnostics;
using System.Globalization;
using OrleansP2P.Cli;
using OrleansP2P.Cli.Commands;
using OrleansP2P.Cli.Output;
using OrleansP2P.Cli.Transfer;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Swarm;
using OrleansP2P.Testing;

namespace OrleansP2P.Bench;

/// <summary>
/// The swarm rows: <c>p2p get</c> (the CLI's <see cref="SwarmFetch"/>) from one unthrottled peer beside a threaded
/// Python client (bench/threaded_get.py) on the same peer, and from 1, 3 and 4 peers that hold the same file, each
/// serving at most <see cref="HolderRate"/> bytes per second (<c>upload_rate_limit</c>).
/// </summary>
public static class SwarmRows
{
    public const long HolderRate = 25_000_000;

    /// <summary>
    /// Longer than the CLI's default: on the shared VM a run once got no byte for 30 s (2026-12-07 03:28 UTC, load ~40,
    /// cause not found), and a failed run would lose every row of the benchmark.
    /// </summary>
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(5);

    /// <summary>One <c>p2p get</c> of <paramref name="link"/> from <paramref name="holders"/> into <paramref name="folder"/>; the file is deleted after.</summary>
    public static async Task<TimeSpan> GetAsync(MagnetLink link, IReadOnlyList<Uri> holders, string folder)
    {
        using var http = SwarmHttp.CreateClient(SwarmHttp.CreateHandler());
        var started = Stopwatch.GetTimestamp();
        var fetch = new SwarmFetch(http, SilentProgress.Instance, null) { IdleTimeout = IdleTimeout };
        var result = await fetch.FetchAsync(new WantedContent(link, holders), folder, CancellationToken.None);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (result.Sha256 != link.Sha256)
            throw new InvalidOperationException($"p2p get saved {result.Sha256}, not {link.Sha256}");
        File.Delete(result.Path);
        return elapsed;
    }

    /// <summary>bench/threaded_get.py fetching <paramref name="url"/>: its own time from the request to the fsync.</summary>
    public static async Task<TimeSpan> PythonAsync(string url, string folder, string sha256)
    {
        var output = Path.Combine(folder, "python.bin");
        using var python = Process.Start(new ProcessStartInfo("python3")
        {
            ArgumentList = { Path.Combine(RepoPaths.Root, "bench", "threaded_get.py"), url, output },
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("python3 did not start");
        var printed = (await python.StandardOutput.ReadToEndAsync()).Split(' ', StringSplitOptions.TrimEntries);
        await python.WaitForExitAsync();
        File.Delete(output);
        if (python.ExitCode != 0 || printed.Length != 3 || printed[2] != sha256)
            throw new InvalidOperationException($"threaded_get.py failed (exit {python.ExitCode}): {string.Join(' ', printed)}");
        return TimeSpan.FromSeconds(double.Parse(printed[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Peers that each share the same generated file <paramref name="name"/>, each serving at most <see cref="HolderRate"/>.</summary>
    public static async Task<PeerProcess[]> StartHoldersAsync(int count, string name, long size)
    {
        var holders = new List<PeerProcess>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var holder = await PeerProcess.StartAsync($"holder{i}", dir => TestFiles.Write(Path.Combine(dir, name), size),
                    new Dictionary<string, object?> { ["upload_rate_limit"] = HolderRate });
                holders.Add(holder);
                await holder.WaitForFilesAsync(1);
            }
            return [.. holders];
        }
        catch
        {
            foreach (var holder in holders)
                await holder.DisposeAsync();
            throw;
        }
    }

    /// <summary>The magnet link of <paramref name="name"/> as <c>p2p link</c> prints it.</summary>
    public static async Task<MagnetLink> LinkAsync(PeerProcess peer, string name)
    {
        var files = PeerApiClient.Parse<FilesResponse>((await peer.GetJsonAsync("/files")).GetRawText(), "files");
        return LinkCommand.LinkOf(files, name);
    }
}
