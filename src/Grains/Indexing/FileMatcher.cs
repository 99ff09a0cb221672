using System.Collections.Immutable;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Indexing;

/// <summary>Search matching: case-insensitive substring of the file name; exactly <c>*</c> lists everything.</summary>
public static class FileMatcher
{
    public const string Everything = "*";

    public static bool IsMatch(string fileName, string query) =>
        query == Everything || fileName.Contains(query, StringComparison.OrdinalIgnoreCase);

    public static ImmutableArray<FileEntry> Match(ImmutableArray<FileEntry> files, string query) =>
        [.. files.Where(f => IsMatch(f.Name, query))];
}
