using System.Diagnostics.Metrics;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Diagnostics;

/// <summary>
/// Every instrument of the <c>P2P</c> meter. Names and labels are a wire contract (dashboards and
/// outside checks scrape them): see ARCHITECTURE.md, "Metrics".
/// </summary>
public sealed class P2PMetrics
{
    public const string MeterName = "P2P";

    /// <summary>Histogram buckets in seconds, 0.5 ms to 10 s (the exporter's defaults suit milliseconds).</summary>
    public static readonly IReadOnlyList<double> SecondsBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Every <c>reason</c> label of <c>p2p_peer_refused_total</c> (the peer client's URL guard).</summary>
    public static readonly IReadOnlyList<string> PeerRefusedReasons =
        ["invalid_url", "link_local", "metadata", "unique_local", "cgnat", "unspecified", "multicast", "broadcast", "not_allowed"];

    /// <summary>
    /// The <c>reason</c> labels of <c>p2p_dropped_total</c> this peer uses: a hop not sent (<c>ttl</c>, <c>timeout</c>) or
    /// not answered in time (<c>timeout</c>), refused (<c>rate_limited</c>, <c>error</c>), or answered with something the
    /// contract does not allow (<c>invalid</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> DroppedReasons = ["timeout", "error", "rate_limited", "ttl", "invalid", "routing"];

    private readonly Counter<long> _searches;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _searchDuration;
    private readonly Histogram<int> _peersReached;
    private readonly Counter<long> _transfers;
    private readonly Counter<long> _transferBytes;
    private readonly Histogram<double> _transferDuration;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _peerRefused;

    private long _searchesExecuted;
    private long _duplicatesDropped;
    private long _forwardsDropped;
    private readonly Counter<long> _pieces;
    private volatile IReadOnlyDictionary<string, int> _downloads = new Dictionary<string, int>();
    private long _healthyPeers;
    private long _unhealthyPeers;
    private long _indexFiles;
    private long _indexBytes;

    public P2PMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        var secondsAdvice = new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets };

        _searches = meter.CreateCounter<long>("p2p.searches", description: "Searches this peer executed, after duplicate suppression.");
        _duplicates = meter.CreateCounter<long>("p2p.search.duplicates", description: "Forwarded queries dropped because their query id was already seen.");
        _dropped = meter.CreateCounter<long>("p2p.dropped", description: "Search forwards not made or not answered, by reason.");
        _searchDuration = meter.CreateHistogram("p2p.search.duration", unit: "s", description: "Time to answer a search at this peer.", advice: secondsAdvice);
        _peersReached = meter.CreateHistogram("p2p.search.peers_reached", description: "Peers that executed a search started here.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 3, 4, 5, 8, 12, 16, 32, 64, 128] });
        _transfers = meter.CreateCounter<long>("p2p.transfers", description: "File transfers by direction and outcome.");
        _transferBytes = meter.CreateCounter<long>("p2p.transfer.bytes", description: "Bytes moved by file transfers, by direction.");
        _transferDuration = meter.CreateHistogram("p2p.transfer.duration", unit: "s", description: "Duration of file transfers.", advice: secondsAdvice);
        _rateLimited = meter.CreateCounter<long>("p2p.rate_limited", description: "Requests answered 429, by budget.");
        _peerRefused = meter.CreateCounter<long>("p2p.peer.refused",
            description: "Peer URLs or addresses the SSRF guard refused to call, by reason (link_local, not_allowed, ...).");

        _pieces = meter.CreateCounter<long>("p2p.pieces", description: "Pieces downloads run by this peer received, by outcome (ok: verified, corrupt: failed its leaf).");
        meter.CreateObservableGauge("p2p.downloads", ObserveDownloads, description: "Downloads run by this peer, by state.");
        meter.CreateObservableGauge("p2p.peers", ObservePeers, description: "Neighbours in the peer table, by health state.");
        meter.CreateObservableGauge("p2p.index.files", () => Volatile.Read(ref _indexFiles), description: "Files this peer shares.");
        meter.CreateObservableGauge("p2p.index.bytes", () => Volatile.Read(ref _indexBytes), description: "Bytes this peer shares.");

        // A labelled series appears only after its first Add: publish every known label value at 0.
        foreach (var origin in new[] { "client", "forwarded" })
            _searches.Add(0, Tag("origin", origin));
        _duplicates.Add(0);
        foreach (var reason in DroppedReasons)
            _dropped.Add(0, Tag("reason", reason));
        foreach (var direction in new[] { "download", "upload" })
        {
            _transferBytes.Add(0, Tag("direction", direction));
            foreach (var outcome in new[] { "ok", "failed", "rejected" })
                _transfers.Add(0, Tag("direction", direction), Tag("outcome", outcome));
        }
        foreach (var budget in new[] { "client", "peer" })
            _rateLimited.Add(0, Tag("budget", budget));
        foreach (var reason in PeerRefusedReasons)
            _peerRefused.Add(0, Tag("reason", reason));
        foreach (var outcome in new[] { "ok", "corrupt" })
            _pieces.Add(0, Tag("outcome", outcome));
    }

    /// <summary>Searches executed here since start (the uncached figure behind <c>p2p_searches_total</c>, for <c>/status</c>).</summary>
    public long SearchesExecuted => Interlocked.Read(ref _searchesExecuted);

    public long DuplicatesDropped => Interlocked.Read(ref _duplicatesDropped);

    public long ForwardsDropped => Interlocked.Read(ref _forwardsDropped);

    public void SearchExecuted(string origin)
    {
        Interlocked.Increment(ref _searchesExecuted);
        _searches.Add(1, Tag("origin", origin));
    }

    public void SearchDuplicate()
    {
        Interlocked.Increment(ref _duplicatesDropped);
        _duplicates.Add(1);
    }

    public void Dropped(string reason, int count = 1)
    {
        Interlocked.Add(ref _forwardsDropped, count);
        _dropped.Add(count, Tag("reason", reason));
    }

    public void SearchCompleted(string origin, TimeSpan elapsed) =>
        _searchDuration.Record(elapsed.TotalSeconds, Tag("origin", origin));

    public void PeersReached(int peers) => _peersReached.Record(peers);

    public void TransferCompleted(string direction, string outcome, long bytes, TimeSpan elapsed)
    {
        _transfers.Add(1, Tag("direction", direction), Tag("outcome", outcome));
        _transferBytes.Add(bytes, Tag("direction", direction));
        _transferDuration.Record(elapsed.TotalSeconds, Tag("direction", direction));
    }

    public void RateLimited(string budget) => _rateLimited.Add(1, Tag("budget", budget));

    public void PeerRefused(string reason) => _peerRefused.Add(1, Tag("reason", reason));

    /// <summary>Pieces a download run here verified (<c>ok</c>) or caught corrupt.</summary>
    public void Pieces(string outcome, int count)
    {
        if (count > 0)
            _pieces.Add(count, Tag("outcome", outcome));
    }

    /// <summary>Jobs in the download queue by state (every state listed, 0 included).</summary>
    public void SetDownloads(IReadOnlyDictionary<string, int> byState) => _downloads = byState;

    public void SetPeers(int healthy, int unhealthy)
    {
        Volatile.Write(ref _healthyPeers, healthy);
        Volatile.Write(ref _unhealthyPeers, unhealthy);
    }

    public void SetIndex(int files, long bytes)
    {
        Volatile.Write(ref _indexFiles, files);
        Volatile.Write(ref _indexBytes, bytes);
    }

    private IEnumerable<Measurement<int>> ObserveDownloads() =>
        DownloadStates.All.Select(s => new Measurement<int>(_downloads.GetValueOrDefault(s), Tag("state", s)));

    private IEnumerable<Measurement<long>> ObservePeers() =>
    [
        new(Volatile.Read(ref _healthyPeers), Tag("state", "healthy")),
        new(Volatile.Read(ref _unhealthyPeers), Tag("state", "unhealthy")),
    ];

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}
