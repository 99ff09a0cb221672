using System.Globalization;
using OrleansP2P.Contracts.Content;

namespace OrleansP2P.Integration.Tests.Transfer;

/// <summary>
/// Three peers in a line (1–2–3), each holding the same file and serving at most <see cref="Rate"/> bytes per second,
/// so a swarm takes about a third of the time one holder would and every holder's share shows: the 128 MiB at
/// 10 MB/s (plus a few bytes, so the last piece is short).
/// </summary>
public sealed class SwarmNetwork : IAsyncLifetime
{
    public const string Name = "swarm.bin";
    public const long Size = (128L << 20) + 4321;
    public const long Rate = 10_000_000;

    public PeerNetwork Network { get; private set; } = null!;

    public FileHashes Hashes { get; private set; } = null!;

    public MagnetLink Link => new(Hashes.Sha256, Hashes.Tree, Size, Name);

    public string Source => Path.Combine(Network[1].SharedDir, Name);

    public async Task InitializeAsync()
    {
        Network = await PeerNetwork.StartAsync(3, PeerNetwork.Line(3), (_, dir) => TestFiles.Write(Path.Combine(dir, Name), Size, seed: 21),
            new Dictionary<string, object?> { ["upload_rate_limit"] = Rate });
        await Network.WaitForIndexesAsync();
        Hashes = await FileHashes.OfFileAsync(Source, CancellationToken.None);
    }

    public async Task DisposeAsync() => await Network.DisposeAsync();

    /// <summary>Bytes each peer has served over HTTP and gRPC so far (<c>p2p_transfer_bytes_total{direction="download"}</c>).</summary>
    public async Task<long[]> ServedAsync() => await Task.WhenAll(Network.Peers.Select(ServedByAsync));

    /// <summary>Bytes <paramref name="peer"/> has served over HTTP and gRPC so far (<c>p2p_transfer_bytes_total{direction="download"}</c>).</summary>
    public static async Task<long> ServedByAsync(PeerProcess peer)
    {
        var text = await peer.Http.GetStringAsync("/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("p2p_transfer_bytes_total{", StringComparison.Ordinal)
            && l.Contains("direction=\"download\"", StringComparison.Ordinal));
        return line is null ? 0 : (long)double.Parse(line.Split(' ')[^1], CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until the peers together report at least <paramref name="atLeast"/> more bytes served than <paramref name="before"/>.</summary>
    public async Task<long> ServedSinceAsync(long[] before, long atLeast) =>
        await Poll.UntilAsync(async () => (await ServedAsync()).Zip(before).Sum(x => x.First - x.Second), total => total >= atLeast,
            TimeSpan.FromSeconds(10), $"the holders reporting {atLeast} bytes served");
}
