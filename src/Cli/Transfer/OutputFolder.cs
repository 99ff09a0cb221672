using OrleansP2P.Contracts.Files;

namespace OrleansP2P.Cli.Transfer;

/// <summary>
/// Where downloads go: a name is joined to <c>--out</c> only if it is one safe path segment, and an existing file of
/// that name is replaced only with <c>--overwrite</c>.
/// </summary>
public static class OutputFolder
{
    public static string Combine(string directory, string name) =>
        SafeFileName.TryCombine(directory, name, out var problem)
            ?? throw CliException.Usage($"refusing to save '{name}': {problem}");

    /// <summary>
    /// Whether <paramref name="finalPath"/> already holds the announced file (same size and SHA-256): then there is
    /// nothing to download. Any other file there is refused unless <paramref name="overwrite"/>, before a byte is fetched.
    /// </summary>
    public static async Task<bool> HoldsAsync(string finalPath, AnnouncedFile announced, bool overwrite, CancellationToken cancellationToken)
    {
        var existing = new FileInfo(finalPath);
        if (!existing.Exists)
            return false;
        if (existing.Length == announced.Size && await HashAsync(finalPath, cancellationToken) == announced.Sha256)
            return true;
        return overwrite ? false : throw Occupied(finalPath);
    }

    /// <summary>The refusal for a different file already at <paramref name="finalPath"/>.</summary>
    public static CliException Occupied(string finalPath) =>
        new($"{finalPath} already exists with other content; add --overwrite to replace it");

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await Sha256Hex.OfFileAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {path} to compare it with the download: {e.Message}");
        }
    }
}
