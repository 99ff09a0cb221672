using OrleansP2P.Api.Tests.Infrastructure;
using OrleansP2P.Grains.Options;
using OrleansP2P.Silo;

namespace OrleansP2P.Api.Tests.Hosting;

/// <summary><c>role</c> as a peer loads it at start: from the file, the environment, or <c>Silo --role NAME</c>, which wins.</summary>
public sealed class PeerRoleConfigTests : IDisposable
{
    private readonly TempFolder _folder = new("p2p-role-config");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Without_a_role_a_process_is_a_whole_peer()
    {
        var options = Load(fileRole: null, commandLineRole: null);

        Assert.Equal(PeerRoles.Peer, options.Role);
        Assert.True(options.HostsGrains && options.ServesApi);
    }

    [Fact]
    public void A_role_on_the_command_line_wins_over_the_config_file()
    {
        var options = Load(fileRole: PeerRoles.Silo, commandLineRole: PeerRoles.Gateway);

        Assert.Equal(PeerRoles.Gateway, options.Role);
        Assert.False(options.HostsGrains);
        Assert.True(options.ServesApi);
    }

    [Fact]
    public void An_unknown_role_stops_the_peer_naming_the_key_and_the_choices()
    {
        var e = Assert.Throws<PeerConfigurationException>(() => Load(fileRole: null, commandLineRole: "proxy"));

        Assert.Contains("role: 'peer', 'silo' or 'gateway'", e.Message, StringComparison.Ordinal);
    }

    private PeerOptions Load(string? fileRole, string? commandLineRole)
    {
        var keys = new Dictionary<string, object> { ["clustering"] = "redis", ["redis"] = "127.0.0.1:6379" };
        if (fileRole is not null)
            keys["role"] = fileRole;
        return PeerConfigFile.Load(_folder, keys, commandLineRole is null ? null : new Dictionary<string, string> { ["role"] = commandLineRole });
    }
}
