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

    public Task<PeerHealth> GetHealthAsync(string peerUrl, CancellationToken cancellationToken) =>
        _alive.TryGetValue(peerUrl, out var name)
            ? Task.FromResult(new PeerHealth(name))
            : Task.FromException<PeerHealth>(new PeerCallException($"{peerUrl} is down"));

    public Task<ImmutableArray<string>> RegisterAsync(string peerUrl, string selfUrl, CancellationToken cancellationToken)
    {
        if (!_alive.ContainsKey(peerUrl))
            return Task.FromException<ImmutableArray<string>>(new PeerCallException($"{peerUrl} is down"));
        Registrations.Enqueue(peerUrl);
        return Task.FromResult(ImmutableArray<string>.Empty);
    }

    /// <summary>Routing tables by URL; a URL without one answers 404, as a peer that serves none.</summary>
    public ConcurrentDictionary<string, RoutingResponse> Routing { get; } = new(StringComparer.Ordinal);

    public Task<RoutingResponse?> GetRoutingAsync(string peerUrl, string? etag, CancellationToken cancellationToken)
    {
        if (!_alive.ContainsKey(peerUrl))
            return Task.FromException<RoutingResponse?>(new PeerCallException($"{peerUrl} is down"));
        if (!Routing.TryGetValue(peerUrl, out var routing))
            return Task.FromException<RoutingResponse?>(new PeerCallException($"{peerUrl}/routing answered 404", status: System.Net.HttpStatusCode.NotFound));
        return Task.FromResult<RoutingResponse?>(etag == $"\"{routing.Version}\"" ? null : routing);
    }

    public Task<ImmutableArray<string>> GetPeersAsync(string peerUrl, CancellationToken cancellationToken) =>
        Task.FromResult(ImmutableArray<string>.Empty);
}
