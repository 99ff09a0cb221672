using System.CommandLine;
using OrleansP2P.Cli.Contracts;
using OrleansP2P.Cli.Output;

namespace OrleansP2P.Cli.Commands;

/// <summary><c>p2p peers</c>: a peer's neighbour table and the health of each neighbour.</summary>
public static class PeersCommand
{
    public static Command Create() =>
        new Command("peers", "List a peer's neighbours and their health")
            .GetsFromPeer<PeersResponse>(_ => "peers", Tables.Peers);
}
