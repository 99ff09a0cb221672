using System.Diagnostics;
using OrleansP2P.Testing;

namespace OrleansP2P.Bench.Scale;

/// <summary>The running peers (peer i at index i − 1): when they are linked, and killing some of them.</summary>
public sealed class ScaleRun(IReadOnlyList<PeerProcess> peers) : IAsyncDisposable
{
    public IReadOnlyList<PeerProcess> Peers { get; } = peers;

    private PeerProcess this[int number] => Peers[number - 1];

    /// <summary>Whether every peer lists each of its friends healthy, and each friend lists it back.</summary>
    public async Task<bool> AllLinkedAsync(ScaleGraph graph)
    {
        var healthy = await Task.WhenAll(Peers.Select(PeerReadings.HealthyNeighboursAsync));
        return graph.Links.All(link => healthy[link.A - 1].Contains(this[link.B].Url) && healthy[link.B - 1].Contains(this[link.A].Url));
    }

    /// <summary>
    /// Kills <paramref name="count"/> peers other than peer 1 (seeded choice) and returns their names and the names of
    /// the survivors within <paramref name="ttl"/> hops of peer 1 over the healthy links the survivors listed before.
    /// </summary>
    public async Task<(List<string> Killed, HashSet<string> Ball)> KillAsync(int count, int seed, int ttl)
    {
        var random = new Random(seed);
        List<int> victims = [.. Enumerable.Range(2, Peers.Count - 1).OrderBy(_ => random.Next()).Take(count)];
        var byUrl = Peers.Select((p, i) => (p.Url, Number: i + 1)).ToDictionary(x => x.Url, x => x.Number);
        var links = await Task.WhenAll(Peers.Select(PeerReadings.HealthyNeighboursAsync));
        foreach (var victim in victims)
            await this[victim].KillAsync();

        var distance = new Dictionary<int, int> { [1] = 0 };
        var queue = new Queue<int>([1]);
        while (queue.TryDequeue(out var peer))
        {
            if (distance[peer] == ttl)
                continue;
            foreach (var next in links[peer - 1].Select(url => byUrl.GetValueOrDefault(url)).Where(x => x > 0 && !victims.Contains(x)))
                if (distance.TryAdd(next, distance[peer] + 1))
                    queue.Enqueue(next);
        }
        return ([.. victims.Select(v => this[v].Name)], [.. distance.Keys.Select(i => this[i].Name)]);
    }

    /// <summary>Seconds from now until a search from peer 1 finds exactly <paramref name="ball"/>, complete; null if not within <paramref name="limit"/>.</summary>
    public async Task<double?> SettleAsync(HashSet<string> ball, int ttl, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var search = await PeerReadings.SearchAsync(Peers[0], "only-on", ttl);
            if (search.Complete && search.Peers.SetEquals(ball))
                return clock.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromMilliseconds(500)); // wait-ok: a benchmark sampling the network's state
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in Peers)
            await peer.DisposeAsync();
    }
}
