using System.CommandLine;
using OrleansP2P.Cli.Output;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Cli.Commands;

/// <summary>The read-only verbs that show one peer's directory endpoints: <c>status</c>, <c>files</c> and <c>peers</c>.</summary>
public static class DirectoryCommands
{
    /// <summary><c>p2p status</c>: who the peer is, how long it has run, what it shares and who it can reach.</summary>
    public static Command Status() =>
        new Command("status", "Show a peer's identity, uptime, statistics and healthy neighbours")
            .GetsFromPeer<StatusResponse>(_ => "status", StatusView.Render);

    /// <summary><c>p2p files</c>: the files a peer shares.</summary>
    public static Command Files() =>
        new Command("files", "List the files a peer shares")
            .GetsFromPeer<FilesResponse>(_ => "files", Tables.Files);

    /// <summary><c>p2p peers</c>: a peer's neighbour table and the health of each neighbour.</summary>
    public static Command Peers() =>
        new Command("peers", "List a peer's neighbours and their health")
            .GetsFromPeer<PeersResponse>(_ => "peers", Tables.Peers);
}
