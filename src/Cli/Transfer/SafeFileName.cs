namespace OrleansP2P.Cli.Transfer;

/// <summary>
/// A file name from the command line (or a peer) is joined to the output folder only if it is one plain
/// path segment, so a download can never write outside <c>--out</c>.
/// </summary>
public static class SafeFileName
{
    public const int MaxLength = 255;

    private static readonly char[] Forbidden = [.. Path.GetInvalidFileNameChars().Union(['/', '\\'])];

    private static readonly HashSet<string> ReservedDeviceNames = new(
        ["CON", "PRN", "AUX", "NUL", .. Enumerable.Range(1, 9).SelectMany(i => new[] { $"COM{i}", $"LPT{i}" })],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="name"/> is not a safe file name, or null when it is.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "the file name is empty";
        if (name.Length > MaxLength)
            return $"the file name is longer than {MaxLength} characters";
        if (name is "." or "..")
            return $"'{name}' is not a file name";
        if (name.Any(char.IsControl))
            return "the file name contains control characters";
        if (name.IndexOfAny(Forbidden) >= 0)
            return $"'{name}' is not a single file name (no path separators)";
        if (OperatingSystem.IsWindows() && ReservedDeviceNames.Contains(name.Split('.')[0].TrimEnd()))
            return $"'{name}' is a reserved device name";
        return null;
    }

    /// <summary>Joins a validated name to <paramref name="directory"/> and checks the result stays inside it.</summary>
    public static string Combine(string directory, string name)
    {
        if (Problem(name) is { } problem)
            throw CliException.Usage(problem);
        var folder = Path.GetFullPath(directory);
        var path = Path.GetFullPath(Path.Combine(folder, name));
        if (!string.Equals(Path.GetDirectoryName(path), Path.TrimEndingDirectorySeparator(folder), StringComparison.Ordinal))
            throw CliException.Usage($"'{name}' would be written outside {folder}");
        return path;
    }
}
