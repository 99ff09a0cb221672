using System.Collections.Concurrent;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Testing;

/// <summary>
/// Neighbours as a search hop reaches them: by default none answers (each forward waits until the caller's deadline
/// cancels it, like a peer that answers <c>/health</c> but never a search); <see cref="Answer"/> makes one answer at
/// once, <see cref="Stall"/> silent again. Every forward is recorded, answered or not.
/// </summary>
public sealed class StallingSearchClient : IPeerSearchClient
{
    private readonly ConcurrentDictionary<string, bool> _answering = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Url, SearchRequest Request)> _forwards = new();

    public void Answer(string url) => _answering[url] = true;

    public void Stall(string url) => _answering.TryRemove(url, out _);

    /// <summary>The copies sent to <paramref name="url"/> so far, in order.</summary>
    public List<SearchRequest> ForwardsTo(string url) => [.. _forwards.Where(f => f.Url == url).Select(f => f.Request)];

    public async Task<SearchOutcome> ForwardSearchAsync(string peerUrl, SearchRequest request, CancellationToken cancellationToken)
    {
        _forwards.Enqueue((peerUrl, request));
        if (!_answering.ContainsKey(peerUrl))
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
        return new SearchOutcome([], Complete: true, PeersReached: 1);
    }
}
