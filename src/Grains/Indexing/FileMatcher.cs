using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Indexing;

/// <summary>
/// Search matching: a file matches when every token of the query (see <see cref="NameFolding"/>) is a substring of its
/// folded name, in any order (<c>floyd pink</c> finds <c>Pink_Floyd-The_Wall.mp3</c>, <c>cafe</c> finds
/// <c>Café_del_Mar.flac</c>); a query with no letters or digits is a folded substring of the name; exactly <c>*</c>
/// lists everything; a query of the form <c>urn:sha256:&lt;64 hex digits&gt;</c> (either case) matches exactly the
/// files with that SHA-256, whatever their names.
/// </summary>
public static class FileMatcher
{
    public const string Everything = "*";

    // Folded names are worked out once per index entry (entries are immutable and shared by every search).
    private static readonly ConditionalWeakTable<FileEntry, string> FoldedNames = new();

    public static bool IsMatch(string fileName, string query) => Query.Of(query).Matches(NameFolding.Fold(fileName));

    public static ImmutableArray<FileEntry> Match(ImmutableArray<FileEntry> files, string query)
    {
        if (query == Everything)
            return files;
        if (ContentOf(query) is { } sha256)
            return [.. files.Where(f => string.Equals(f.Sha256, sha256, StringComparison.OrdinalIgnoreCase))];
        var compiled = Query.Of(query);
        return [.. files.Where(f => compiled.Matches(FoldedNames.GetValue(f, e => NameFolding.Fold(e.Name))))];
    }

    /// <summary>The SHA-256 a <c>urn:sha256:</c> query names, or null for a query by name.</summary>
    public static string? ContentOf(string query) =>
        query.Length == MagnetLink.UrnPrefix.Length + 64 && query.StartsWith(MagnetLink.UrnPrefix, StringComparison.OrdinalIgnoreCase)
            && Sha256Hex.IsValid(query[MagnetLink.UrnPrefix.Length..])
            ? query[MagnetLink.UrnPrefix.Length..]
            : null;

    /// <summary>
    /// The tokens a routing table may rule a query out by (every one must be in a name), or null when no table may:
    /// <c>*</c>, a <c>urn:sha256:</c> query, or one without letters or digits.
    /// </summary>
    public static IReadOnlyList<string>? RoutingTokens(string query)
    {
        if (query == Everything || ContentOf(query) is not null)
            return null;
        var tokens = NameFolding.Tokens(query);
        return tokens.Count > 0 ? tokens : null;
    }

    private sealed record Query(bool All, IReadOnlyList<string> Tokens)
    {
        public static Query Of(string query)
        {
            if (query == Everything)
                return new Query(true, []);
            var tokens = NameFolding.Tokens(query);
            return new Query(false, tokens.Count > 0 ? tokens : [NameFolding.Fold(query)]);
        }

        public bool Matches(string foldedName)
        {
            if (All)
                return true;
            foreach (var token in Tokens)
            {
                if (!foldedName.Contains(token, StringComparison.Ordinal))
                    return false;
            }
            return true;
        }
    }
}
