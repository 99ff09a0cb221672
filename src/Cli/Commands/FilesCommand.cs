using System.CommandLine;
using OrleansP2P.Cli.Contracts;
using OrleansP2P.Cli.Output;

namespace OrleansP2P.Cli.Commands;

/// <summary><c>p2p files</c>: the files a peer shares.</summary>
public static class FilesCommand
{
    public static Command Create() =>
        new Command("files", "List the files a peer shares")
            .GetsFromPeer<FilesResponse>(_ => "files", Tables.Files);
}
