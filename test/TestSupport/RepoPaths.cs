namespace OrleansP2P.Testing;

/// <summary>Where the repository and the built peer live, seen from the test assembly.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The peer built in the same configuration as these tests (Debug or Release), or the one <c>P2P_SILO_DLL</c> names
    /// (benchmarks run a published build that way, e.g. ReadyToRun).
    /// </summary>
    public static string SiloDll => Environment.GetEnvironmentVariable("P2P_SILO_DLL") is { Length: > 0 } dll
        ? (File.Exists(dll) ? Path.GetFullPath(dll) : throw new FileNotFoundException($"P2P_SILO_DLL names no file: {dll}", dll))
        : Built("Silo", "Silo.dll");

    /// <summary>The <c>p2p</c> CLI built in the same configuration as these tests, to run as its own process.</summary>
    public static string CliDll => Built("Cli", "p2p.dll");

    private static string Built(string project, string file)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var dll = Path.Combine(Root, "src", project, "bin", configuration, "net10.0", file);
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build {project} first: {dll} is missing", dll);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansP2P.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("OrleansP2P.sln not found above " + AppContext.BaseDirectory);
    }
}
