namespace OrleansP2P.Grains.Persistence;

/// <summary>The grain storage provider that persists <see cref="Membership.PeerState"/>.</summary>
public static class PeerStorage
{
    public const string Name = "peers";
}
