namespace OrleansP2P.Integration.Tests.Infrastructure;

/// <summary>A fact that needs Prometheus' <c>promtool</c> on PATH (Debian package <c>prometheus</c>; .ci/run installs it).</summary>
public sealed class PromtoolFactAttribute : FactAttribute
{
    public PromtoolFactAttribute()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, "promtool")));
        if (!onPath)
            Skip = "promtool is not installed (apt-get install prometheus)";
    }
}
