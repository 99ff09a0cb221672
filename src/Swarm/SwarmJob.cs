using OrleansP2P.Contracts.Content;
using OrleansP2P.Swarm.Resuming;

namespace OrleansP2P.Swarm;

/// <summary>
/// One content to fetch: what it is (<see cref="Link"/>), who may hold it (<see cref="Holders"/>, REST base URLs), where its
/// bytes go while they arrive (<see cref="PartPath"/>) and when they are complete (<see cref="FinalPath"/>), and where the
/// verified pieces are remembered between runs (<see cref="Ledger"/>: a sidecar file for the CLI, grain state for a peer).
/// The caller has made both paths safe (names from the network never reach this record unchecked).
/// </summary>
public sealed record SwarmJob(MagnetLink Link, IReadOnlyList<Uri> Holders, string PartPath, string FinalPath, IPieceLedger Ledger)
{
    /// <summary>Replace a different file already at <see cref="FinalPath"/>; without it the download fails before the rename.</summary>
    public bool Overwrite { get; init; }
}
