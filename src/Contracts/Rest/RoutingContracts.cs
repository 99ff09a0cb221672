namespace OrleansP2P.Contracts.Rest;

/// <summary>
/// Answer of <c>GET /routing</c>: what this peer's names (level 0) and the peers k hops away through it (level k) can
/// match, each level a bit set of <c>size</c> bits, base64. <c>hash</c> names the trigram hash; a reader that does not
/// know it, or finds a level of the wrong length, treats the peer as having no table. See docs/architecture.md.
/// </summary>
public sealed record RoutingResponse(long Version, string Hash, int Size, IReadOnlyList<string> Levels);
