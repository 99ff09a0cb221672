using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Grains.Peers;

/// <summary>The peer: its local file index and its neighbour table. Every call is in-memory work.</summary>
public sealed class PeerGrain(IOptions<PeerOptions> options, P2PMetrics metrics) : Grain, IPeerGrain
{
    private readonly string _selfUrl = PeerUrl.Canonicalize(options.Value.SelfUrl);
    private readonly Dictionary<string, NeighbourInfo> _neighbours = new(StringComparer.Ordinal);
    private FileIndexSnapshot _index = FileIndexSnapshot.Empty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var friend in options.Value.Friends)
            Add(PeerUrl.Canonicalize(friend));
        return Task.CompletedTask;
    }

    ValueTask<FileIndexSnapshot> IPeerGrain.GetIndex() => ValueTask.FromResult(_index);

    ValueTask<FileEntry?> IPeerGrain.FindFile(string name) =>
        ValueTask.FromResult(_index.Files.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal)));

    ValueTask<ImmutableArray<FileEntry>> IPeerGrain.Match(string query) =>
        ValueTask.FromResult(FileMatcher.Match(_index.Files, query));

    Task IPeerGrain.UpdateIndex(ImmutableArray<FileEntry> files)
    {
        _index = new FileIndexSnapshot(_index.Version + 1, files);
        metrics.SetIndex(files.Length, _index.TotalBytes);
        return Task.CompletedTask;
    }

    ValueTask<ImmutableArray<NeighbourInfo>> IPeerGrain.GetNeighbours() =>
        ValueTask.FromResult(_neighbours.Values.OrderBy(n => n.Url, StringComparer.Ordinal).ToImmutableArray());

    ValueTask<ImmutableArray<string>> IPeerGrain.GetSearchTargets() =>
        ValueTask.FromResult(_neighbours.Values
            .Where(n => n.Failures < options.Value.HealthFailures)
            .OrderByDescending(n => n.Healthy)
            .Select(n => n.Url)
            .ToImmutableArray());

    Task<RegisterResult> IPeerGrain.Register(string url)
    {
        if (!PeerUrl.TryCanonicalize(url, out var canonical, out var error))
            return Task.FromResult(Result(accepted: false, error));
        if (canonical == _selfUrl)
            return Task.FromResult(Result(accepted: false, "a peer cannot register itself"));
        if (!_neighbours.ContainsKey(canonical) && _neighbours.Count >= options.Value.MaxNeighbors)
            return Task.FromResult(Result(accepted: false, $"the neighbour table is full ({options.Value.MaxNeighbors} peers)"));

        Add(canonical);
        return Task.FromResult(Result(accepted: true, error: null));
    }

    private void Add(string canonicalUrl)
    {
        if (canonicalUrl == _selfUrl || _neighbours.ContainsKey(canonicalUrl))
            return;
        _neighbours[canonicalUrl] = new NeighbourInfo(canonicalUrl, Name: null, Healthy: false, LastSeenUnix: null, Failures: 0);
        PublishPeerCounts();
    }

    private void PublishPeerCounts()
    {
        var healthy = _neighbours.Values.Count(n => n.Healthy);
        metrics.SetPeers(healthy, _neighbours.Count - healthy);
    }

    private RegisterResult Result(bool accepted, string? error) =>
        new(accepted, error, [.. _neighbours.Keys.Order(StringComparer.Ordinal)]);
}
