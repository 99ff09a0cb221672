using System.Text;

namespace OrleansP2P.Contracts.Files;

/// <summary>
/// A file name that comes from a client or another peer is used only if it is one plain path segment:
/// no separators, no <c>.</c>/<c>..</c>, no control characters, no reserved device names, no dotfiles and no
/// <c>.part</c> names (those are what the indexer hides), and at most <see cref="MaxLength"/> bytes of UTF-8, the
/// most a Linux file system takes in one name (a longer one would pass every check and fail at the rename). The peer
/// and the CLI both use it, so both ends agree.
/// </summary>
public static class SafeFileName
{
    /// <summary>Longest name, in bytes of UTF-8 (so also in characters: none takes less than a byte).</summary>
    public const int MaxLength = 255;

    public const string PartSuffix = ".part";

    private static readonly char[] Separators = ['/', '\\'];

    private static readonly HashSet<string> ReservedDeviceNames = new(
        ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", .. Enumerable.Range(0, 10).SelectMany(i => new[] { $"COM{i}", $"LPT{i}" })],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="name"/> is not a safe file name, or null when it is.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrWhiteSpace(name))
            return "the file name is empty";
        if (name.Length > MaxLength || Encoding.UTF8.GetByteCount(name) > MaxLength)
            return $"the file name is longer than {MaxLength} bytes of UTF-8";
        if (name.Any(char.IsControl))
            return "the file name contains control characters";
        if (name.IndexOfAny(Separators) >= 0)
            return "the file name must be a single path segment (no / or \\)";
        if (name.StartsWith('.'))
            return "the file name must not start with a dot";
        if (name.EndsWith(PartSuffix, StringComparison.OrdinalIgnoreCase))
            return $"the file name must not end with {PartSuffix}";
        if (ReservedDeviceNames.Contains(name.Split('.')[0].TrimEnd(' ')))
            return "the file name is a reserved device name";
        return null;
    }

    /// <summary>
    /// Joins a safe <paramref name="name"/> to <paramref name="directory"/> and checks that the result's parent
    /// is exactly that folder. Returns null with <paramref name="problem"/> set otherwise.
    /// </summary>
    public static string? TryCombine(string directory, string name, out string? problem)
    {
        problem = Problem(name);
        if (problem is not null)
            return null;
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var path = Path.GetFullPath(Path.Join(folder, name));
        if (string.Equals(Path.GetDirectoryName(path), folder, StringComparison.Ordinal))
            return path;
        problem = "the file name leads outside the folder";
        return null;
    }
}
