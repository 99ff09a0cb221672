using System.Diagnostics;
using OrleansP2P.Testing;

namespace OrleansP2P.Bench.Scale;

/// <summary>The running peers (peer i at index i − 1): when they are linked, and killing some of them.</summary>
public sealed class ScaleRun(IReadOnlyList<PeerProcess> peers) : IAsyncDisposable
{
    public IReadOnlyList<PeerProcess> Peers { get; } = peers;

    private PeerProcess this[int number] => Peers[number - 1];

    /// <summary>
    /// Whether every peer lists each of its own friends healthy and the healthy links join all peers. (A friend need not
    /// list it back: its table may be full of neighbours it found first.)
    /// </summary>
    public async Task<bool> AllLinkedAsync(ScaleGraph graph)
    {
        var healthy = await Task.WhenAll(Peers.Select(PeerReadings.HealthyNeighboursAsync));
        var friendsHealthy = Enumerable.Range(1, Peers.Count).All(i =>
            new[] { graph.Friends[i].Primary, graph.Friends[i].Secondary }.Where(f => f > 0).All(f => healthy[i - 1].Contains(this[f].Url)));
        return friendsHealthy && Ball(healthy, [], Peers.Count).Count == Peers.Count;
    }

    /// <summary>Peer numbers within <paramref name="hops"/> of peer 1 over <paramref name="links"/> (healthy URLs per peer), avoiding <paramref name="dead"/>.</summary>
    private HashSet<int> Ball(string[][] links, List<int> dead, int hops)
    {
        var byUrl = Peers.Select((p, i) => (p.Url, Number: i + 1)).ToDictionary(x => x.Url, x => x.Number);
        var distance = new Dictionary<int, int> { [1] = 0 };
        var queue = new Queue<int>([1]);
        while (queue.TryDequeue(out var peer))
        {
            if (distance[peer] == hops)
                continue;
            foreach (var next in links[peer - 1].Select(url => byUrl.GetValueOrDefault(url)).Where(x => x > 0 && !dead.Contains(x)))
                if (distance.TryAdd(next, distance[peer] + 1))
                    queue.Enqueue(next);
        }
        return [.. distance.Keys];
    }

    /// <summary>
    /// Kills <paramref name="count"/> peers other than peer 1 (seeded choice) and returns their names and the names of
    /// the survivors within <paramref name="ttl"/> hops of peer 1 over the healthy links the survivors listed before.
    /// </summary>
    public async Task<(List<string> Killed, HashSet<string> Ball)> KillAsync(int count, int seed, int ttl)
    {
        var random = new Random(seed);
        List<int> victims = [.. Enumerable.Range(2, Peers.Count - 1).OrderBy(_ => random.Next()).Take(count)];
        var links = await Task.WhenAll(Peers.Select(PeerReadings.HealthyNeighboursAsync));
        foreach (var victim in victims)
            await this[victim].KillAsync();
        return ([.. victims.Select(v => this[v].Name)], [.. Ball(links, victims, ttl).Select(i => this[i].Name)]);
    }

    /// <summary>
    /// Seconds from now until a search from peer 1 finds all of <paramref name="ball"/>, complete (links discovery made
    /// after the kill may reach more); null if not within <paramref name="limit"/>.
    /// </summary>
    public async Task<double?> SettleAsync(HashSet<string> ball, int ttl, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var search = await PeerReadings.SearchAsync(Peers[0], "only-on", ttl);
            if (search.Complete && search.Peers.IsSupersetOf(ball))
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
