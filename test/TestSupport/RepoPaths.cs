namespace OrleansP2P.Testing;

/// <summary>Where the repository and the built peer live, seen from the test assembly.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The peer built in the same configuration as these tests (Debug or Release).</summary>
    public static string SiloDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
            var dll = Path.Combine(Root, "src", "Silo", "bin", configuration, "net10.0", "Silo.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the Silo first: {dll} is missing", dll);
        }
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
