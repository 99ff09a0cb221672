using OrleansP2P.Contracts.Files;

namespace OrleansP2P.Cli.Transfer;

/// <summary>Where downloads go: a name is joined to <c>--out</c> only if it is one safe path segment.</summary>
public static class OutputFolder
{
    public static string Combine(string directory, string name) =>
        SafeFileName.TryCombine(directory, name, out var problem)
            ?? throw CliException.Usage($"refusing to save '{name}': {problem}");
}
