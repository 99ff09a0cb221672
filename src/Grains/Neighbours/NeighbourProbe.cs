using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Routing;

namespace OrleansP2P.Grains.Neighbours;

/// <summary>
/// The peer grain's calls to other peers about membership, each bounded by <c>health_timeout_ms</c> and never throwing:
/// a peer that fails or misses the deadline gets the answer of one that said nothing (null, empty, false). Holds no
/// state, so one instance serves every activation.
/// </summary>
public sealed class NeighbourProbe(INeighbourClient membership, IOptions<PeerOptions> options)
{
    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(options.Value.HealthTimeoutMs);

    /// <summary>
    /// <c>GET /health</c>: the peer's name and advertised links, or null when it did not answer as a peer in time. A
    /// name longer than <see cref="NeighbourTable.MaxNameLength"/> is no peer's answer.
    /// </summary>
    public async Task<PeerHealth?> HealthAsync(string url, CancellationToken cancellationToken)
    {
        var health = await BoundedAsync(deadline => membership.GetHealthAsync(url, deadline), cancellationToken);
        return health is { Name.Length: <= NeighbourTable.MaxNameLength } ? health : null;
    }

    /// <summary>
    /// <see cref="HealthAsync"/> for a URL asking to join, with a second attempt when the first gets no answer: a refusal
    /// is final for the caller (a 400 it does not retry), while a poll that misses is simply repeated, and the first
    /// call to a new peer can be slow for reasons of our own (a cold connection on a loaded machine).
    /// </summary>
    public async Task<PeerHealth?> AdmissionHealthAsync(string url, CancellationToken cancellationToken) =>
        await HealthAsync(url, cancellationToken) ?? await HealthAsync(url, cancellationToken);

    /// <summary><c>POST /register</c> with our own URL: true when the peer added us.</summary>
    public Task<bool> RegisterWithAsync(string url, string selfUrl, CancellationToken cancellationToken) =>
        BoundedAsync(async deadline =>
        {
            await membership.RegisterAsync(url, selfUrl, deadline);
            return true;
        }, cancellationToken);

    /// <summary>
    /// <c>GET /routing</c> for a neighbour whose table at <paramref name="known"/> (its version) is held: a 304 is
    /// "unchanged", an error status or an answer outside our format "no table", a failed call or a 429 "no answer".
    /// With a table held, the neighbour may hold the request for up to <paramref name="wait"/> until its table changes;
    /// the deadline is that wait plus <c>health_timeout_ms</c>.
    /// </summary>
    public async Task<RoutingAnswer> RoutingAsync(string url, long? known, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait = known is null ? TimeSpan.Zero : wait;
        deadline.CancelAfter(_timeout + wait);
        try
        {
            var response = await membership.GetRoutingAsync(url, known is { } version ? RoutingWire.ETagOf(version) : null, wait, deadline.Token);
            return response is null ? new RoutingAnswer(RoutingAnswerKind.Unchanged) : RoutingAnswer.Of(RoutingWire.FromResponse(response));
        }
        catch (PeerCallException e) when (e.InvalidAnswer || (e.Status is { } status && status != HttpStatusCode.TooManyRequests))
        {
            return new RoutingAnswer(RoutingAnswerKind.NoTable);
        }
        catch (Exception e) when (e is PeerCallException or OperationCanceledException)
        {
            return new RoutingAnswer(RoutingAnswerKind.NoAnswer);
        }
    }

    /// <summary><c>GET /peers</c>: the peer's healthy neighbours, or none when it did not answer in time.</summary>
    public async Task<ImmutableArray<string>> PeersOfAsync(string url, CancellationToken cancellationToken)
    {
        var peers = await BoundedAsync(deadline => membership.GetPeersAsync(url, deadline), cancellationToken);
        return peers.IsDefault ? [] : peers;
    }

    private async Task<T?> BoundedAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            return await call(deadline.Token);
        }
        catch (Exception e) when (e is PeerCallException or OperationCanceledException)
        {
            return default;
        }
    }
}
