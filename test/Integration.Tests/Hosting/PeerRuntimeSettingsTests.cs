using System.Text;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Hosting;

/// <summary>
/// The runtime settings a peer process needs before any of its code runs (<c>src/Silo/peer-runtime.env</c>): shipped
/// next to Silo.dll, and applied by every launcher — the scripts, the EC2 unit, both Docker images, the test harness.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class PeerRuntimeSettingsTests
{
    private static readonly string Source = Path.Combine(RepoPaths.Root, "src", "Silo", PeerRuntime.FileName);

    [Fact]
    public void The_file_is_read_as_key_value_lines_without_comments_or_blanks()
    {
        var settings = PeerRuntime.Parse(["# a comment", "", "  DOTNET_A=1 ", "not a setting", "=no key", "DOTNET_B=x=y", "#DOTNET_C=3"]);

        Assert.Equal([KeyValuePair.Create("DOTNET_A", "1"), KeyValuePair.Create("DOTNET_B", "x=y")], settings);
    }

    [Fact]
    public void The_built_peer_carries_the_settings_and_every_deployment_applies_them()
    {
        var settings = PeerRuntime.Parse(File.ReadAllLines(Source));
        Assert.NotEmpty(settings);
        Assert.All(settings, s => Assert.StartsWith("DOTNET_", s.Key, StringComparison.Ordinal));
        Assert.Equal(settings, PeerRuntime.Settings(RepoPaths.SiloDll)); // copied next to the built Silo.dll

        foreach (var dockerfile in new[] { "deploy/docker/Dockerfile", "deploy/docker/offline/Dockerfile" })
        {
            var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, dockerfile)).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
            Assert.All(settings, s => Assert.Contains($"ENV {s.Key}={s.Value}", lines));
        }
        Assert.Contains("EnvironmentFile=-/opt/p2p/peer-runtime.env", File.ReadAllLines(Path.Combine(RepoPaths.Root, "deploy", "ec2", "p2p-peer.service")));
        foreach (var script in new[] { "deploy/local/network.sh", "deploy/ec2/simulate.sh" })
            Assert.Contains("peer-runtime.env", File.ReadAllText(Path.Combine(RepoPaths.Root, script)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_peer_the_harness_starts_runs_with_the_settings_in_its_environment()
    {
        await using var peer = await PeerProcess.StartAsync("runtime-env", dir => File.WriteAllText(Path.Combine(dir, "x.txt"), "x"));

        var environment = (await File.ReadAllTextAsync($"/proc/{peer.ProcessId}/environ", Encoding.UTF8)).Split('\0');
        Assert.All(PeerRuntime.Settings(RepoPaths.SiloDll), s => Assert.Contains($"{s.Key}={s.Value}", environment));
    }
}
