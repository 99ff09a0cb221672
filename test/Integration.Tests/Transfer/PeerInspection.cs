using System.Diagnostics;
using System.Globalization;

namespace OrleansP2P.Integration.Tests.Transfer;

/// <summary>What a peer shows from outside: its /files listing, its folders and its transfer counters.</summary>
public static class PeerInspection
{
    public static string TempDir(this PeerProcess peer) => Path.Combine(peer.Folder, "data", "tmp");

    public static async Task<IReadOnlyList<string>> ListedNamesAsync(this PeerProcess peer)
    {
        var files = await peer.GetJsonAsync("/files");
        return [.. files.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()!)];
    }

    /// <summary>Every entry in the shared folder, hidden ones included.</summary>
    public static IReadOnlyList<string> SharedEntries(this PeerProcess peer) =>
        [.. Directory.EnumerateFileSystemEntries(peer.SharedDir).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    public static IReadOnlyList<string> TempEntries(this PeerProcess peer) =>
        Directory.Exists(peer.TempDir()) ? [.. Directory.EnumerateFileSystemEntries(peer.TempDir())] : [];

    /// <summary>Bytes of disk the part files in <c>data_dir/tmp</c> take, as <c>du</c> counts blocks (preallocated ones included).</summary>
    public static async Task<long> TempDiskUsageAsync(this PeerProcess peer)
    {
        using var du = Process.Start(new ProcessStartInfo("du", ["-s", "-B1", peer.TempDir()]) { RedirectStandardOutput = true })!;
        var output = await du.StandardOutput.ReadToEndAsync();
        await du.WaitForExitAsync();
        return long.Parse(output.Split('\t')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until no part file is left in <c>data_dir/tmp</c> (a cancelled upload is cleaned up as the server notices).</summary>
    public static Task WaitForEmptyTempAsync(this PeerProcess peer) =>
        Poll.UntilAsync(() => Task.FromResult(peer.TempEntries().Count), count => count == 0, TimeSpan.FromSeconds(10),
            $"{peer.Name} removing its part files");

    /// <summary>
    /// Waits until <c>p2p_transfers_total{direction,outcome}</c> reaches <paramref name="atLeast"/> (the exporter caches a
    /// scrape for a moment, so a fresh count shows up shortly after the call).
    /// </summary>
    public static Task<double> WaitForTransfersAsync(this PeerProcess peer, string direction, string outcome, double atLeast) =>
        Poll.UntilAsync(() => peer.TransfersAsync(direction, outcome), n => n >= atLeast, TimeSpan.FromSeconds(10),
            $"p2p_transfers_total{{direction={direction},outcome={outcome}}} reaching {atLeast}");

    /// <summary>The value of <c>p2p_transfers_total{direction,outcome}</c> in the peer's Prometheus text.</summary>
    public static async Task<double> TransfersAsync(this PeerProcess peer, string direction, string outcome)
    {
        var text = await peer.Http.GetStringAsync("/metrics");
        var line = text.Split('\n').Single(l => l.StartsWith("p2p_transfers_total{", StringComparison.Ordinal)
            && l.Contains($"direction=\"{direction}\"", StringComparison.Ordinal) && l.Contains($"outcome=\"{outcome}\"", StringComparison.Ordinal));
        return double.Parse(line.Split(' ')[^1], CultureInfo.InvariantCulture);
    }
}
