using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Grains.Search;

/// <summary>
/// How many silos back this peer, as the search needs to know it: the one place that decides whether a forwarded copy
/// may run without a grain (<see cref="SearchDispatcher"/>) and how long a <see cref="SearchGrain"/> outlives its
/// last answer. In a gateway (an Orleans client, no membership service) there is no silo here: every copy goes to a grain.
/// </summary>
public sealed class PeerSilos(IOptions<PeerOptions> options, IClusterMembershipService? membership = null)
{
    /// <summary>True while this peer's cluster has one active silo: the usual peer, one process with localhost clustering.</summary>
    public bool IsSole
    {
        get
        {
            if (membership is null)
                return false;
            var active = 0;
            foreach (var member in membership.CurrentSnapshot.Members.Values)
            {
                if (member.Status == SiloStatus.Active && ++active > 1)
                    return false;
            }
            return true;
        }
    }

    /// <summary>
    /// Only a peer that is one silo by construction (localhost clustering) and is one silo now runs a forwarded copy
    /// inline: that silo's <see cref="SeenQueries"/> is then the peer's only record of the id. A Redis-backed peer always
    /// uses the grain, even while it is down to one silo: a silo joining it must find every id in the directory, not in
    /// another silo's seen-id set.
    /// </summary>
    public bool RunForwardedCopiesInline => options.Value.Clustering == "localhost" && IsSole;
}
