using System.Text.Json;
using Microsoft.Extensions.Configuration;
using OrleansP2P.Silo;

namespace OrleansP2P.Api.Tests.Transfer;

/// <summary>The config keys of uploads and their part files, as a peer loads them at start (<see cref="PeerConfiguration"/>).</summary>
public sealed class UploadConfigTests : IDisposable
{
    private readonly TempFolder _folder = new("p2p-upload-config");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(3601)]
    public void Upload_idle_timeout_s_outside_1_to_3600_stops_the_peer_naming_the_key(int seconds)
    {
        var e = Assert.Throws<PeerConfigurationException>(() => Load(new Dictionary<string, object> { ["upload_idle_timeout_s"] = seconds }));

        Assert.Contains("upload_idle_timeout_s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_data_dir_a_peer_keeps_its_data_in_data_slash_its_name_beside_the_config_file()
    {
        var options = Load(new Dictionary<string, object> { ["data_dir"] = "" });

        // Beside the config, so part files are renamed into shared_dir within one file system (never the shared /tmp).
        Assert.Equal(_folder.PathOf("data/config-peer"), options.DataDir);
        Assert.True(Directory.Exists(options.DataDir));
    }

    /// <summary>Loads a valid config with <paramref name="keys"/> added or replaced (an empty string: as if absent).</summary>
    private Grains.Options.PeerOptions Load(Dictionary<string, object> keys)
    {
        Directory.CreateDirectory(_folder.PathOf("shared"));
        var config = new Dictionary<string, object>
        {
            ["name"] = "config-peer", ["rest_port"] = 18101, ["grpc_port"] = 18102, ["metrics_port"] = 18103,
            ["shared_dir"] = "shared", ["data_dir"] = "data", ["self_url"] = "http://127.0.0.1:18101",
        };
        foreach (var (key, value) in keys)
            config[key] = value;
        var path = _folder.Write("peer.json", JsonSerializer.SerializeToUtf8Bytes(config));
        return PeerConfiguration.Load(new ConfigurationManager { ["config"] = path });
    }
}
