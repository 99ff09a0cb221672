using System.Globalization;
using System.Text;

namespace OrleansP2P.Grains.Indexing;

/// <summary>
/// The form names and queries are compared in: compatibility-decomposed (NFKD), combining marks (accents) removed and
/// lower-cased, so <c>Café</c>, <c>CAFE</c> and <c>ｃａｆｅ</c> all read <c>cafe</c>. A query's tokens are its runs of
/// letters and digits in that form. Decompositions come from a table shipped with the peer (<see cref="UnicodeFold"/>),
/// not from the operating system, so every peer folds a name the same way (routing tables depend on it), and peers
/// run in globalization-invariant mode.
/// </summary>
public static class NameFolding
{
    public static string Fold(string text)
    {
        if (Ascii.IsValid(text))
            return text.ToLowerInvariant(); // the common case: nothing to decompose
        var folded = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (UnicodeFold.Decompose(rune.Value) is { } replacement)
                folded.Append(replacement);
            else if (!IsMark(rune))
                folded.Append(rune.ToString());
        }
        return folded.ToString().ToLowerInvariant();
    }

    /// <summary>The runs of letters and digits of <paramref name="text"/>, folded, in order, without repeats.</summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        var folded = Fold(text);
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inToken = i < folded.Length && IsTokenChar(folded, i);
            if (inToken && start < 0)
                start = i;
            else if (!inToken && start >= 0)
            {
                var token = folded[start..i];
                if (!tokens.Contains(token))
                    tokens.Add(token);
                start = -1;
            }
        }
        return tokens;
    }

    private static bool IsMark(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark;

    private static bool IsTokenChar(string text, int index) =>
        char.IsLetterOrDigit(text, index)
        || (char.IsLowSurrogate(text[index]) && index > 0 && char.IsLetterOrDigit(text, index - 1));
}
