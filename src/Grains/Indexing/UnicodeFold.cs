using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace OrleansP2P.Grains.Indexing;

/// <summary>
/// The embedded table <c>UnicodeFold.txt</c> (written by <c>tools/unicode_fold.py</c> from the Unicode data): for each
/// code point whose NFKD decomposition without combining marks differs from itself, that replacement. Loaded once,
/// on the first non-ASCII name.
/// </summary>
internal static class UnicodeFold
{
    private static readonly Lazy<FrozenDictionary<int, string>> Table = new(Load);

    /// <summary>What <paramref name="codePoint"/> folds to, or null when it stays itself.</summary>
    public static string? Decompose(int codePoint) => Table.Value.GetValueOrDefault(codePoint);

    private static FrozenDictionary<int, string> Load()
    {
        using var stream = typeof(UnicodeFold).Assembly.GetManifestResourceStream("OrleansP2P.UnicodeFold.txt")
            ?? throw new InvalidOperationException("UnicodeFold.txt is not embedded in the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var replacement = new StringBuilder();
            foreach (var field in fields.AsSpan(1))
                replacement.Append(char.ConvertFromUtf32(int.Parse(field, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            table[int.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = replacement.ToString();
        }
        return table.ToFrozenDictionary();
    }
}
