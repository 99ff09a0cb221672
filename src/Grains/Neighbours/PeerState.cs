namespace OrleansP2P.Grains.Neighbours;

/// <summary>What a peer remembers across restarts: the neighbours it knew (health is re-learnt).</summary>
[GenerateSerializer, Alias("p2p.PeerState")]
public sealed class PeerState
{
    [Id(0)] public List<KnownPeer> Peers { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("p2p.KnownPeer")]
public sealed record KnownPeer([property: Id(0)] string Url, [property: Id(1)] string? Name);
