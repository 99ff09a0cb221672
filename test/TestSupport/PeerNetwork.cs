using System.Text.Json;

namespace OrleansP2P.Testing;

/// <summary>
/// Several real peers wired into a given topology through <c>POST /register</c> (both directions),
/// with discovery off so the topology stays exactly as drawn. Peers are numbered from 1.
/// </summary>
public sealed class PeerNetwork : IAsyncDisposable
{
    private PeerNetwork(IReadOnlyList<PeerProcess> peers) => Peers = peers;

    public IReadOnlyList<PeerProcess> Peers { get; }

    public PeerProcess this[int number] => Peers[number - 1];

    public static IEnumerable<(int, int)> Line(int n) => Enumerable.Range(1, n - 1).Select(i => (i, i + 1));

    public static IEnumerable<(int, int)> Ring(int n) => Line(n).Append((n, 1));

    public static IEnumerable<(int, int)> Mesh(int n) =>
        from a in Enumerable.Range(1, n) from b in Enumerable.Range(a + 1, n - a) select (a, b);

    /// <summary>Starts <paramref name="count"/> peers; peer i shares the files <paramref name="files"/> writes for it.</summary>
    public static async Task<PeerNetwork> StartAsync(
        int count, IEnumerable<(int A, int B)> edges, Action<int, string>? files = null, IReadOnlyDictionary<string, object?>? config = null)
    {
        var starting = Enumerable.Range(1, count)
            .Select(i => PeerProcess.StartAsync($"peer{i}", dir => files?.Invoke(i, dir), config))
            .ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            // One peer failed to start: stop the ones that did, so no process outlives the test.
            foreach (var peer in starting.Where(t => t.IsCompletedSuccessfully))
                await peer.Result.DisposeAsync();
            throw;
        }
        var network = new PeerNetwork([.. starting.Select(t => t.Result)]);
        try
        {
            var started = await network.SearchesExecutedAsync(); // each peer's own warm-up search
            var links = new HashSet<(int, int)>();
            foreach (var (a, b) in edges)
            {
                await network[a].RegisterAsync(network[b].Url);
                await network[b].RegisterAsync(network[a].Url);
                links.Add((Math.Min(a, b), Math.Max(a, b)));
            }
            var degree = new int[count + 1];
            foreach (var (a, b) in links)
                (degree[a], degree[b]) = (degree[a] + 1, degree[b] + 1);
            await network.WaitForWarmUpAsync(started, degree);
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits until every peer has executed the ttl-0 probe each new neighbour sends it at its next health poll, so a
    /// test that counts searches counts only its own.
    /// </summary>
    private async Task WaitForWarmUpAsync(Dictionary<string, long> started, int[] degree) =>
        await Poll.UntilAsync(SearchesExecutedAsync,
            searches => Enumerable.Range(1, Peers.Count).All(i => searches[this[i].Name] >= started[this[i].Name] + degree[i]),
            "every neighbour's warm-up probe executed");

    /// <summary>Writes a small text file named <c>only-on-peer{i}.txt</c> into peer i's shared dir.</summary>
    public static void OneFileEach(int i, string dir) =>
        File.WriteAllText(Path.Combine(dir, $"only-on-peer{i}.txt"), $"shared by peer{i} alone\n");

    public Task WaitForIndexesAsync(int filesEach = 1) => Task.WhenAll(Peers.Select(p => p.WaitForFilesAsync(filesEach)));

    public Task<JsonElement> SearchAsync(int from, string query, int ttl, int fanout = 3) =>
        this[from].GetJsonAsync($"/search?query={Uri.EscapeDataString(query)}&ttl={ttl}&fanout={fanout}&cache=false");

    /// <summary>Searches executed by each live peer so far (from <c>/status</c>, which is never cached).</summary>
    public async Task<Dictionary<string, long>> SearchesExecutedAsync()
    {
        var live = Peers.Where(p => !p.HasExited).ToList();
        var stats = await Task.WhenAll(live.Select(p => p.GetJsonAsync("/status")));
        return live.Zip(stats).ToDictionary(x => x.First.Name, x => x.Second.GetProperty("stats").GetProperty("searches").GetInt64());
    }

    public static IReadOnlyList<string> PeersWithHits(JsonElement search) =>
        [.. search.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("peer").GetString()!).Order()];

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in Peers)
            await peer.DisposeAsync();
    }
}
