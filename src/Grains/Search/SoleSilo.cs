namespace OrleansP2P.Grains.Search;

public static class SoleSilo
{
    /// <summary>True while this peer's cluster has one active silo: the usual peer, one process with localhost clustering.</summary>
    public static bool IsSoleSilo(this IClusterMembershipService membership)
    {
        var active = 0;
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Active && ++active > 1)
                return false;
        }
        return true;
    }
}
