using System.Globalization;

namespace OrleansP2P.Cli.Output;

/// <summary>Human-readable renderings of sizes, times and hashes.</summary>
public static class Format
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Bytes(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {Units[unit]}");
    }

    /// <summary>Megabytes (10^6 bytes) per second, the figure transfer benchmarks quote.</summary>
    public static string MegabytesPerSecond(long bytes, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{MegabytesPerSecondValue(bytes, elapsed):0.00} MB/s");

    public static double MegabytesPerSecondValue(long bytes, TimeSpan elapsed) =>
        elapsed > TimeSpan.Zero ? bytes / 1e6 / elapsed.TotalSeconds : 0;

    public static string Seconds(TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.00} s");

    public static string Milliseconds(double ms) =>
        string.Create(CultureInfo.InvariantCulture, $"{ms:0.#} ms");

    /// <summary>A Unix time in seconds as local date and time.</summary>
    public static string UnixTime(long seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(seconds).ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>How long ago a Unix time was ("12s ago"), or "never" for null.</summary>
    public static string Ago(long? seconds, DateTimeOffset now)
    {
        if (seconds is not { } value)
            return "never";
        var age = now - DateTimeOffset.FromUnixTimeSeconds(value);
        return age < TimeSpan.Zero ? UnixTime(value) : Duration(age) + " ago";
    }

    /// <summary>A compact duration: "42s", "3m 07s", "5h 02m", "2d 04h".</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => $"{(int)span.TotalSeconds}s",
        { TotalHours: < 1 } => $"{span.Minutes}m {span.Seconds:00}s",
        { TotalDays: < 1 } => $"{span.Hours}h {span.Minutes:00}m",
        _ => $"{(int)span.TotalDays}d {span.Hours:00}h",
    };

    /// <summary>The first 12 hex digits of a hash: enough to tell files apart at a glance.</summary>
    public static string ShortHash(string? hash) =>
        string.IsNullOrEmpty(hash) ? "-" : hash.Length <= 12 ? hash : hash[..12] + "…";

    /// <summary>
    /// Text from a peer with control characters replaced, so a hostile name cannot move the cursor
    /// or recolour the terminal.
    /// </summary>
    public static string Safe(string? text) =>
        string.IsNullOrEmpty(text) ? "" : string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
        });
}
