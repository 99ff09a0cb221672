namespace OrleansP2P.Bench.Scale;

/// <summary>
/// The benchmark's seeded random connected graph, as friends: peer i (from 2) names a random earlier peer as its
/// primary friend (so the graph is connected) and, with most peers, any other peer as its secondary, keeping every
/// planned degree within 3–8 where it can. Bootstrap makes each friendship a two-way link; discovery may add more.
/// Peers are numbered from 1.
/// </summary>
public sealed class ScaleGraph
{
    public const int MaxDegree = 8;

    private ScaleGraph(int peers, (int Primary, int Secondary)[] friends) => (Peers, Friends) = (peers, friends);

    public int Peers { get; }

    /// <summary>Friends of peer i at index i (0 = none); index 0 unused.</summary>
    public (int Primary, int Secondary)[] Friends { get; }

    public static ScaleGraph Random(int peers, int seed)
    {
        var random = new Random(seed);
        var degree = new int[peers + 1];
        var friends = new (int, int)[peers + 1];
        var links = new HashSet<(int, int)>();
        bool TryLink(int a, int b)
        {
            if (a == b || degree[a] >= MaxDegree || degree[b] >= MaxDegree || !links.Add((Math.Min(a, b), Math.Max(a, b))))
                return false;
            degree[a]++;
            degree[b]++;
            return true;
        }

        for (var i = 2; i <= peers; i++)
        {
            int primary;
            while (!TryLink(i, primary = random.Next(1, i))) { }
            friends[i] = (primary, 0);
        }
        for (var i = 1; i <= peers; i++)
        {
            // Peer 1 has no primary; every peer tries for a secondary until its planned degree reaches 3.
            for (var attempt = 0; attempt < 50 && (friends[i].Item2 == 0 || degree[i] < 3); attempt++)
            {
                var other = random.Next(1, peers + 1);
                if (friends[i].Item2 == 0 && TryLink(i, other))
                    friends[i] = (friends[i].Item1, other);
                else if (friends[other].Item2 == 0 && degree[i] < 3 && TryLink(other, i))
                    friends[other] = (friends[other].Item1, i);
            }
        }
        return new ScaleGraph(peers, friends);
    }

    /// <summary>The planned two-way links (each once).</summary>
    public IEnumerable<(int A, int B)> Links =>
        Enumerable.Range(1, Peers).SelectMany(i => new[] { Friends[i].Primary, Friends[i].Secondary }.Where(f => f > 0).Select(f => (i, f)));
}
