namespace OrleansP2P.Api.Tests.Transfer;

/// <summary>A peer that accepts uploads and cuts one that receives nothing for <see cref="IdleTimeoutSeconds"/>.</summary>
public sealed class IdleUploadPeerFixture : PeerFixture
{
    public const int IdleTimeoutSeconds = 1;

    protected override IReadOnlyDictionary<string, object> ConfigOverrides { get; } = new Dictionary<string, object>
    {
        ["upload_idle_timeout_s"] = IdleTimeoutSeconds,
        ["rate_limit_per_minute"] = 100_000,
        ["target_degree"] = 0,
    };

    /// <summary>Part files in <c>data_dir/tmp</c>.</summary>
    public IReadOnlyList<string> PartFiles() => PartFilesOf(this);

    public static IReadOnlyList<string> PartFilesOf(PeerFixture peer)
    {
        var dir = Path.Combine(Path.GetDirectoryName(peer.Share.SharedDir)!, "data", "tmp");
        return Directory.Exists(dir) ? [.. Directory.EnumerateFiles(dir)] : [];
    }
}
