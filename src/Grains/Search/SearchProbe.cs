using Microsoft.Extensions.Options;
using OrleansP2P.Contracts;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Grains.Search;

/// <summary>
/// Whether a neighbour skipped for stalling searches answers one in time again: a ttl-0 forward (executed there, sent
/// nowhere further) with a fresh query id, fanout 1, this peer as the path, and <c>search_timeout_ms</c> to answer.
/// Its query matches no name, so the answer is small.
/// </summary>
public sealed class SearchProbe(IPeerSearchClient client, IOptions<PeerOptions> options)
{
    private readonly string _selfUrl = PeerUrl.Canonicalize(options.Value.SelfUrl);
    private readonly int _deadlineMs = options.Value.SearchTimeoutMs;

    public async Task<bool> AnswersInTimeAsync(string url, CancellationToken cancellationToken)
    {
        var queryId = Guid.NewGuid();
        var probe = new SearchRequest(queryId, $"p2p-probe-{queryId:N}", Ttl: 0, Fanout: 1, _selfUrl, [_selfUrl], _deadlineMs);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_deadlineMs);
        try
        {
            await client.ForwardSearchAsync(url, probe, deadline.Token);
            return true;
        }
        catch (Exception e) when (e is PeerCallException or OperationCanceledException)
        {
            return false;
        }
    }
}
