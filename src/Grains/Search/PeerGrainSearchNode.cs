using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Peers;

namespace OrleansP2P.Grains.Search;

/// <summary>The search node of a real peer: matches and neighbours come from its <see cref="IPeerGrain"/> (or that grain's <see cref="LocalPeerView"/>).</summary>
public sealed class PeerGrainSearchNode(IGrainFactory grains, IOptions<PeerOptions> options, LocalPeerView view) : ISearchNode
{
    private readonly IPeerGrain _peer = grains.GetPeer(options.Value.Name);

    public PeerIdentity Identity { get; } =
        new(options.Value.Name, PeerUrl.Canonicalize(options.Value.SelfUrl), options.Value.GrpcAddress);

    /// <summary>From the local view when the peer grain lives on this silo, else one grain call.</summary>
    public ValueTask<SearchPlan> PlanAsync(string query, bool execute) =>
        view.Current is { } local ? ValueTask.FromResult(local.Plan(query, execute)) : _peer.PlanSearch(query, execute);
}
