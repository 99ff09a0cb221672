using System.Collections.Concurrent;
using System.Collections.Immutable;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains;
using OrleansP2P.Grains.Neighbours;

namespace OrleansP2P.Testing;

/// <summary>Other peers as the grain's health polls see them: a URL answers while it is marked alive.</summary>
public sealed class FakeNeighbourClient : INeighbourClient
{
    private readonly ConcurrentDictionary<string, string> _alive = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Registrations { get; } = new();

    public void SetAlive(string url, string name) => _alive[url] = name;

    public void SetDead(string url) => _alive.TryRemove(url, out _);

    /// <summary><c>/health</c> calls by URL.</summary>
    public ConcurrentDictionary<string, int> HealthPolls { get; } = new(StringComparer.Ordinal);

    public Task<PeerHealth> GetHealthAsync(string peerUrl, CancellationToken cancellationToken)
    {
        HealthPolls.AddOrUpdate(peerUrl, 1, (_, n) => n + 1);
        return _alive.TryGetValue(peerUrl, out var name)
            ? Task.FromResult(new PeerHealth(name))
            : Task.FromException<PeerHealth>(new PeerCallException($"{peerUrl} is down"));
    }

    public Task<ImmutableArray<string>> RegisterAsync(string peerUrl, string selfUrl, CancellationToken cancellationToken)
    {
        if (!_alive.ContainsKey(peerUrl))
            return Task.FromException<ImmutableArray<string>>(new PeerCallException($"{peerUrl} is down"));
        Registrations.Enqueue(peerUrl);
        return Task.FromResult(ImmutableArray<string>.Empty);
    }

    /// <summary>Routing tables by URL; a URL without one answers 404, as a peer that serves none.</summary>
    public ConcurrentDictionary<string, RoutingResponse> Routing { get; } = new(StringComparer.Ordinal);

    /// <summary><c>/routing</c> calls by URL, and the waits they asked for (<c>Prefer: wait</c>), in order.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<TimeSpan>> RoutingCalls { get; } = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holding = new(StringComparer.Ordinal);

    /// <summary>From now on <paramref name="url"/> holds a request for the version it has, if the caller will wait, until <see cref="ReleaseRouting"/>.</summary>
    public void HoldRouting(string url) => _holding[url] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers the requests <paramref name="url"/> holds, with its table as it is then, and holds no more.</summary>
    public void ReleaseRouting(string url)
    {
        if (_holding.TryRemove(url, out var hold))
            hold.TrySetResult();
    }

    /// <summary>Answers at once, whatever the wait asked for (as a peer that does not hold requests), unless held (<see cref="HoldRouting"/>).</summary>
    public async Task<RoutingResponse?> GetRoutingAsync(string peerUrl, string? etag, TimeSpan wait, CancellationToken cancellationToken)
    {
        RoutingCalls.GetOrAdd(peerUrl, _ => new()).Enqueue(wait);
        if (wait > TimeSpan.Zero && _holding.TryGetValue(peerUrl, out var hold) && Routing.TryGetValue(peerUrl, out var held) && etag == $"\"{held.Version}\"")
            await hold.Task.WaitAsync(cancellationToken);
        if (!_alive.ContainsKey(peerUrl))
            throw new PeerCallException($"{peerUrl} is down");
        if (!Routing.TryGetValue(peerUrl, out var routing))
            throw new PeerCallException($"{peerUrl}/routing answered 404", status: System.Net.HttpStatusCode.NotFound);
        return etag == $"\"{routing.Version}\"" ? null : routing;
    }

    public Task<ImmutableArray<string>> GetPeersAsync(string peerUrl, CancellationToken cancellationToken) =>
        Task.FromResult(ImmutableArray<string>.Empty);
}
