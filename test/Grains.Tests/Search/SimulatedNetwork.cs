using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansP2P.Contracts;
using OrleansP2P.Grains;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Routing;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Grains.Tests.Search;

/// <summary>One search hop as the in-memory transport saw it: the copy <see cref="From"/> sent to <see cref="To"/>.</summary>
internal sealed record Hop(string From, string To, SearchRequest Request);

/// <summary>
/// N peers, each running the real <see cref="SearchExecutor"/> with its own <see cref="SeenQueries"/>,
/// joined by an in-memory <see cref="IPeerSearchClient"/> that hands each hop straight to the target's
/// executor. Every hop is logged; <see cref="BeforeHop"/> lets a test fail, stall or order hops.
/// </summary>
internal sealed class SimulatedNetwork : IPeerSearchClient, IDisposable
{
    public const int DefaultFanout = 16;
    public const int DefaultDeadlineMs = 60_000;

    private readonly ServiceProvider _services;
    private readonly Dictionary<string, SimulatedPeer> _byUrl;
    private readonly ConcurrentQueue<Hop> _hops = new();
    private readonly Random? _latency;
    private readonly bool _sendsHints;

    /// <param name="graph">Neighbour indices of each peer, in the order the peer lists them.</param>
    /// <param name="files">File names each peer shares.</param>
    /// <param name="latencySeed">When set, each hop waits a seeded 0–2 ms, so arrival orders vary.</param>
    /// <param name="time">The peers' clock (deadlines); the system clock unless a test drives a fake one.</param>
    /// <param name="maxResults">Every peer's <c>search_max_results</c>; the config's default unless given.</param>
    /// <param name="knows">Whether a peer knows a neighbour's neighbour list (peer, neighbour); every list unless given.</param>
    /// <param name="sendsHints">False: every copy arrives without relay hints, as from peers that predate them.</param>
    public SimulatedNetwork(IReadOnlyList<IReadOnlyList<int>> graph, Func<int, IEnumerable<string>>? files = null,
        int? latencySeed = null, TimeProvider? time = null, int? maxResults = null, Func<int, int, bool>? knows = null,
        bool sendsHints = true)
    {
        _sendsHints = sendsHints;
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new P2PMetrics(_services.GetRequiredService<IMeterFactory>());
        _latency = latencySeed is { } seed ? new Random(seed) : null;
        var links = graph.Select((neighbours, i) => LinksOf(graph, i)).ToList();
        Peers = [.. graph.Select((neighbours, i) => new SimulatedPeer(
            i, [.. neighbours.Select(UrlOf)], [.. (files?.Invoke(i) ?? []).Select(FileOf)], this, metrics,
            time ?? TimeProvider.System, maxResults ?? new PeerOptions().SearchMaxResults,
            neighbours.Where(n => knows?.Invoke(i, n) ?? true).ToImmutableDictionary(UrlOf, n => links[n]), links[i].View))];
        _byUrl = Peers.ToDictionary(p => p.Identity.Url, StringComparer.Ordinal);
    }

    public ImmutableArray<SimulatedPeer> Peers { get; }

    public IReadOnlyCollection<Hop> Hops => _hops;

    public int TotalExecutions => Peers.Sum(p => p.Executions);

    /// <summary>Runs before a hop is delivered; throw to fail the hop, await to hold it back.</summary>
    public Func<Hop, CancellationToken, Task>? BeforeHop { get; set; }

    /// <summary>Answers a hop in its target's place when it returns an outcome (a lying peer); null lets the target answer.</summary>
    public Func<Hop, SearchOutcome?>? AnswerFor { get; set; }

    public static string UrlOf(int peer) => $"http://sim-{peer}:1";

    /// <summary>A client's search at <paramref name="origin"/> (empty path).</summary>
    public Task<SearchOutcome> SearchAsync(int origin, string query, int ttl, int fanout = DefaultFanout,
        int deadlineMs = DefaultDeadlineMs, Guid? queryId = null) =>
        Peers[origin].Executor.ExecuteAsync(
            new SearchRequest(queryId ?? Guid.NewGuid(), query, ttl, fanout, UrlOf(origin), [], deadlineMs));

    /// <summary>What peer <paramref name="peer"/> advertises: its neighbours, those that list it back, and the list's view.</summary>
    private static NeighbourLinks LinksOf(IReadOnlyList<IReadOnlyList<int>> graph, int peer) =>
        new([.. graph[peer].Select(UrlOf)], [.. graph[peer].Where(n => graph[n].Contains(peer)).Select(UrlOf)],
            PeerLinks.ViewOf(graph[peer].Select(UrlOf)));

    /// <summary>Files the given peers share that match <paramref name="query"/>, as (peer URL, name), sorted.</summary>
    public List<(string Url, string Name)> Matching(IEnumerable<int> peers, string query) =>
        [.. peers.SelectMany(i => Peers[i].Files.Where(f => FileMatcher.IsMatch(f.Name, query)).Select(f => (UrlOf(i), f.Name))).Order()];

    /// <summary>The (peer URL, name) pairs of an answer, sorted; a duplicate would show up twice.</summary>
    public static List<(string Url, string Name)> Found(SearchOutcome outcome) =>
        [.. outcome.Results.SelectMany(h => h.Files.Select(f => (h.Url, f.Name))).Order()];

    /// <summary>Indices of the peers that executed a search so far.</summary>
    public List<int> Executed() => [.. Peers.Where(p => p.Executions > 0).Select(p => p.Index)];

    /// <summary>A task that never completes and is cancelled with <paramref name="cancellationToken"/>: a silent peer.</summary>
    public static Task NeverAnswers(CancellationToken cancellationToken) =>
        new TaskCompletionSource().Task.WaitAsync(cancellationToken);

    async Task<SearchOutcome> IPeerSearchClient.ForwardSearchAsync(string peerUrl, SearchRequest request, CancellationToken cancellationToken)
    {
        request = _sendsHints ? request : request with { Hints = null };
        var hop = new Hop(request.Path[^1], peerUrl, request);
        _hops.Enqueue(hop);
        await Task.Yield();
        if (NextLatencyMs() is var ms and > 0)
            await Task.Delay(ms, cancellationToken); // wait-ok: simulated latency, shuffles arrival order
        if (BeforeHop is { } before)
            await before(hop, cancellationToken);
        if (AnswerFor?.Invoke(hop) is { } lie)
            return lie;
        if (!_byUrl.TryGetValue(peerUrl, out var target))
            throw new PeerCallException($"{peerUrl} is not in the simulation");
        // Like an HTTP call: the caller stops waiting at its deadline, the callee carries on.
        return await target.Executor.ExecuteAsync(request).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Gives every peer its neighbours' routing levels, as they settle once tables have propagated: each round every
    /// peer rebuilds its levels from its files and its neighbours' levels of the round before, until none changes.
    /// <paramref name="serves"/>: whether a peer serves <c>/routing</c> (every one unless given).
    /// </summary>
    public void UseRoutingTables(IReadOnlyList<IReadOnlyList<int>> graph, Func<int, bool>? serves = null)
    {
        var own = Peers.Select(p => RoutingTable.Of(p.Files.Select(f => f.Name))).ToArray();
        var levels = new RoutingLevels?[Peers.Length];
        for (var round = 0; round <= 2 * RoutingLevels.Depth; round++)
        {
            var next = Peers.Select(p => serves?.Invoke(p.Index) == false
                ? null
                : RoutingLevels.Build(own[p.Index], [.. graph[p.Index].Select(n => levels[n])])).ToArray();
            if (next.Select(l => l?.Version).SequenceEqual(levels.Select(l => l?.Version)))
                break;
            levels = next;
        }
        foreach (var peer in Peers.Where(p => serves?.Invoke(p.Index) != false)) // one that serves none is older: it skips no one
            peer.Routing = graph[peer.Index].Where(n => levels[n] is not null).ToImmutableDictionary(UrlOf, n => levels[n]!, StringComparer.Ordinal);
    }

    public void Dispose() => _services.Dispose();

    private int NextLatencyMs()
    {
        if (_latency is null)
            return 0;
        lock (_latency)
            return _latency.Next(3);
    }

    private static FileEntry FileOf(string name) => new(name, name.Length, 0, new string('0', 64), Path.GetExtension(name));
}

/// <summary>A simulated peer: a few files, its neighbours' URLs, and a count of executions (plans that match).</summary>
internal sealed class SimulatedPeer : IHopInputSource
{
    private readonly ImmutableArray<string> _neighbours;
    private readonly ImmutableDictionary<string, NeighbourLinks> _links;
    private readonly string _view;
    private readonly TaskCompletionSource _executed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _executions;

    public SimulatedPeer(int index, ImmutableArray<string> neighbours, ImmutableArray<FileEntry> files, IPeerSearchClient client, P2PMetrics metrics,
        TimeProvider time, int maxResults, ImmutableDictionary<string, NeighbourLinks> links, string view)
    {
        Index = index;
        _links = links;
        _view = view;
        Identity = new PeerIdentity($"sim-{index}", SimulatedNetwork.UrlOf(index), $"sim-{index}:2");
        Files = files;
        _neighbours = neighbours;
        Executor = new SearchExecutor(this, client, new SeenQueries(time), metrics, time,
            Microsoft.Extensions.Options.Options.Create(new PeerOptions { SearchMaxResults = maxResults }), NullLogger<SearchExecutor>.Instance);
    }

    public int Index { get; }

    public PeerIdentity Identity { get; }

    public ImmutableArray<FileEntry> Files { get; }

    public SearchExecutor Executor { get; }

    public int Executions => Volatile.Read(ref _executions);

    /// <summary>Completes when this peer executes a search for the first time.</summary>
    public Task FirstExecution => _executed.Task;

    /// <summary>The routing levels this peer holds for its neighbours (by URL); none unless the network uses tables.</summary>
    public ImmutableDictionary<string, RoutingLevels>? Routing { get; set; }

    public ValueTask<HopInput> GetHopInputAsync(string query, bool execute, int ttl)
    {
        var skip = RoutingPrune.Skipped(_neighbours, Routing, query, ttl);
        if (!execute)
            return ValueTask.FromResult(new HopInput([], _neighbours, _links, _view, skip));
        Interlocked.Increment(ref _executions);
        _executed.TrySetResult();
        return ValueTask.FromResult(new HopInput(FileMatcher.Match(Files, query), _neighbours, _links, _view, skip));
    }
}

/// <summary>Undirected graphs as neighbour lists, and the peers within some hops of one.</summary>
internal static class Graphs
{
    public static IReadOnlyList<IReadOnlyList<int>> FromEdges(int peers, params (int A, int B)[] edges)
    {
        var graph = NewGraph(peers);
        foreach (var (a, b) in edges)
            Link(graph, a, b);
        return graph;
    }

    public static IReadOnlyList<IReadOnlyList<int>> Line(int peers) =>
        FromEdges(peers, [.. Enumerable.Range(1, peers - 1).Select(i => (i - 1, i))]);

    /// <summary>A random spanning tree, then random extra edges up to the average degree; no degree exceeds <paramref name="maxDegree"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> RandomConnected(Random random, int peers, double averageDegree, int maxDegree)
    {
        var graph = NewGraph(peers);
        bool TryLink(int a, int b)
        {
            if (a == b || graph[a].Count >= maxDegree || graph[b].Count >= maxDegree || graph[a].Contains(b))
                return false;
            Link(graph, a, b);
            return true;
        }

        for (var i = 1; i < peers; i++)
            while (!TryLink(i, random.Next(i))) { }
        var edges = peers - 1;
        for (var target = (int)(peers * averageDegree / 2); edges < target;)
            edges += TryLink(random.Next(peers), random.Next(peers)) ? 1 : 0;
        return graph;
    }

    /// <summary>
    /// The same graph with about <paramref name="fraction"/> of its links made one-way (one end, at random, forgets
    /// the other), as long as the graph stays strongly connected enough for a search from peer 0 to reach everyone.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<int>> WithOneWayLinks(IReadOnlyList<IReadOnlyList<int>> graph, Random random, double fraction)
    {
        var directed = graph.Select(n => n.ToList()).ToArray();
        for (var a = 0; a < directed.Length; a++)
        {
            foreach (var b in graph[a].Where(b => a < b && random.NextDouble() < fraction))
            {
                var (from, to) = random.Next(2) == 0 ? (a, b) : (b, a);
                directed[from].Remove(to);
                if (WithinHops(directed, 0, directed.Length).Count < directed.Length)
                    directed[from].Add(to);
            }
        }
        return directed;
    }

    /// <summary>Breadth-first search: the peers at most <paramref name="hops"/> hops from <paramref name="origin"/>, sorted.</summary>
    public static List<int> WithinHops(IReadOnlyList<IReadOnlyList<int>> graph, int origin, int hops)
    {
        var distance = new Dictionary<int, int> { [origin] = 0 };
        var queue = new Queue<int>([origin]);
        while (queue.TryDequeue(out var peer))
        {
            if (distance[peer] == hops)
                continue;
            foreach (var next in graph[peer])
                if (distance.TryAdd(next, distance[peer] + 1))
                    queue.Enqueue(next);
        }
        return [.. distance.Keys.Order()];
    }

    private static List<int>[] NewGraph(int peers) => [.. Enumerable.Range(0, peers).Select(_ => new List<int>())];

    private static void Link(List<int>[] graph, int a, int b)
    {
        graph[a].Add(b);
        graph[b].Add(a);
    }
}
