namespace OrleansP2P.Grains.Abstractions;

public static class PeerGrainExtensions
{
    public static IPeerGrain GetPeer(this IGrainFactory grains, string peerName) =>
        grains.GetGrain<IPeerGrain>(peerName);
}
