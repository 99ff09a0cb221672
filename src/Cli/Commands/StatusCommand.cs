using System.CommandLine;
using OrleansP2P.Cli.Contracts;
using OrleansP2P.Cli.Output;

namespace OrleansP2P.Cli.Commands;

/// <summary><c>p2p status</c>: who the peer is, how long it has run, what it shares and who it can reach.</summary>
public static class StatusCommand
{
    public static Command Create() =>
        new Command("status", "Show a peer's identity, uptime, statistics and healthy neighbours")
            .GetsFromPeer<StatusResponse>(_ => "status", StatusView.Render);
}
