using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Indexing;

/// <summary>
/// Search matching: a file matches when every token of the query (see <see cref="NameFolding"/>) is a substring of its
/// folded name, in any order (<c>floyd pink</c> finds <c>Pink_Floyd-The_Wall.mp3</c>, <c>cafe</c> finds
/// <c>Café_del_Mar.flac</c>); a query with no letters or digits is a folded substring of the name; exactly <c>*</c>
/// lists everything.
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
        var compiled = Query.Of(query);
        return [.. files.Where(f => compiled.Matches(FoldedNames.GetValue(f, e => NameFolding.Fold(e.Name))))];
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
