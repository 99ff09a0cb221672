using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Peers;

namespace OrleansP2P.Grains.Search;

/// <summary>The search node of a real peer: matches and neighbours come from its <see cref="IPeerGrain"/>.</summary>
public sealed class PeerGrainSearchNode(IGrainFactory grains, IOptions<PeerOptions> options) : ISearchNode
{
    private readonly IPeerGrain _peer = grains.GetPeer(options.Value.Name);

    public PeerIdentity Identity { get; } =
        new(options.Value.Name, PeerUrl.Canonicalize(options.Value.SelfUrl), options.Value.GrpcAddress);

    public ValueTask<SearchPlan> PlanAsync(string query, bool execute) => _peer.PlanSearch(query, execute);
}
