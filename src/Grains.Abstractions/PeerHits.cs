using System.Collections.Immutable;

namespace OrleansP2P.Grains.Abstractions;

/// <summary>The files one peer matched: its name, REST URL, gRPC address (host:port) and entries.</summary>
[GenerateSerializer, Immutable, Alias("p2p.PeerHits")]
public sealed record PeerHits(
    [property: Id(0)] string Peer,
    [property: Id(1)] string Url,
    [property: Id(2)] string Grpc,
    [property: Id(3)] ImmutableArray<FileEntry> Files);
