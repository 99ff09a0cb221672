using System.Collections.Immutable;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Indexing;

/// <summary>
/// Search matching: case-insensitive substring of the file name; exactly <c>*</c> lists everything; a query of the
/// form <c>urn:sha256:&lt;64 hex digits&gt;</c> (either case) matches exactly the files with that SHA-256, whatever
/// their names.
/// </summary>
public static class FileMatcher
{
    public const string Everything = "*";

    public static bool IsMatch(string fileName, string query) =>
        query == Everything || fileName.Contains(query, StringComparison.OrdinalIgnoreCase);

    public static ImmutableArray<FileEntry> Match(ImmutableArray<FileEntry> files, string query)
    {
        if (ContentOf(query) is { } sha256)
            return [.. files.Where(f => string.Equals(f.Sha256, sha256, StringComparison.OrdinalIgnoreCase))];
        return [.. files.Where(f => IsMatch(f.Name, query))];
    }

    /// <summary>The SHA-256 a <c>urn:sha256:</c> query names, or null for a query by name.</summary>
    public static string? ContentOf(string query) =>
        query.Length == MagnetLink.UrnPrefix.Length + 64 && query.StartsWith(MagnetLink.UrnPrefix, StringComparison.OrdinalIgnoreCase)
            && Sha256Hex.IsValid(query[MagnetLink.UrnPrefix.Length..])
            ? query[MagnetLink.UrnPrefix.Length..]
            : null;
}
