using System.Diagnostics;

namespace OrleansP2P.Testing;

/// <summary>
/// The environment every launcher gives a peer process: <c>peer-runtime.env</c> next to Silo.dll (runtime knobs read
/// before any code runs, see that file), or the file <c>P2P_PEER_RUNTIME_ENV</c> names instead (empty: none), so a
/// benchmark can compare settings without touching the build. Only the peers get it, never the process starting them.
/// </summary>
public static class PeerRuntime
{
    public const string FileName = "peer-runtime.env";

    /// <summary>The settings for a peer started from <paramref name="siloDll"/>, in file order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Settings(string siloDll)
    {
        var path = Environment.GetEnvironmentVariable("P2P_PEER_RUNTIME_ENV")
            ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(siloDll))!, FileName);
        return path.Length == 0 || !File.Exists(path) ? [] : Parse(File.ReadAllLines(path));
    }

    /// <summary>KEY=VALUE lines; blank lines and lines starting with '#' are skipped, so are lines without '='.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(IEnumerable<string> lines) =>
        [.. lines.Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Trim().Length > 0)
            .Select(pair => KeyValuePair.Create(pair[0].Trim(), pair[1].Trim()))];

    /// <summary>Adds the settings for <paramref name="siloDll"/> to <paramref name="start"/>'s environment.</summary>
    public static void Apply(ProcessStartInfo start, string siloDll)
    {
        foreach (var (key, value) in Settings(siloDll))
            start.Environment[key] = value;
    }
}
