using System.Text.Json;
using Microsoft.Extensions.Configuration;
using OrleansP2P.Grains.Options;
using OrleansP2P.Silo;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>A valid seed-format config file in a temp folder, loaded as a peer loads it at start (<see cref="PeerConfiguration"/>).</summary>
public static class PeerConfigFile
{
    /// <summary>
    /// Writes the config with <paramref name="keys"/> added or replaced (an empty string: as if absent) and loads it, with
    /// <paramref name="commandLine"/> as further arguments (<c>--role gateway</c> is <c>["role"] = "gateway"</c>).
    /// </summary>
    /// <exception cref="PeerConfigurationException">The config is invalid.</exception>
    public static PeerOptions Load(TempFolder folder, IReadOnlyDictionary<string, object> keys, IReadOnlyDictionary<string, string>? commandLine = null)
    {
        Directory.CreateDirectory(folder.PathOf("shared"));
        var config = new Dictionary<string, object>
        {
            ["name"] = "config-peer", ["rest_port"] = 18101, ["grpc_port"] = 18102, ["metrics_port"] = 18103,
            ["shared_dir"] = "shared", ["data_dir"] = "data", ["self_url"] = "http://127.0.0.1:18101",
        };
        foreach (var (key, value) in keys)
            config[key] = value;
        var configuration = new ConfigurationManager { ["config"] = folder.Write("peer.json", JsonSerializer.SerializeToUtf8Bytes(config)) };
        foreach (var (key, value) in commandLine ?? new Dictionary<string, string>())
            configuration[key] = value;
        return PeerConfiguration.Load(configuration);
    }
}
