using OrleansP2P.Api.Tests.Infrastructure;
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

    private Grains.Options.PeerOptions Load(Dictionary<string, object> keys) => PeerConfigFile.Load(_folder, keys);
}
