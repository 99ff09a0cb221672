using Microsoft.Extensions.Options;
using OrleansP2P.Contracts;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Grains.Search;

/// <summary>
/// A real peer's hop input: the <see cref="LocalPeerView.Snapshot"/> its <see cref="IPeerGrain"/> last published, read in
/// place when the grain lives on this silo, or computed from the same snapshot by the grain (one call) when it does not.
/// </summary>
public sealed class PeerHopInputSource(IGrainFactory grains, IOptions<PeerOptions> options, LocalPeerView view) : IHopInputSource
{
    private readonly IPeerGrain _peer = grains.GetPeer(options.Value.Name);

    public PeerIdentity Identity { get; } =
        new(options.Value.Name, PeerUrl.Canonicalize(options.Value.SelfUrl), options.Value.GrpcAddress);

    /// <summary>From the local view when the peer grain lives on this silo, else one grain call.</summary>
    public ValueTask<HopInput> GetHopInputAsync(string query, bool execute, int ttl) =>
        view.Current is { } local ? ValueTask.FromResult(local.InputFor(query, execute, ttl)) : _peer.GetHopInput(query, execute, ttl);
}
