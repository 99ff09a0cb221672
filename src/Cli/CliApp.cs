using System.CommandLine;
using OrleansP2P.Cli.Commands;

namespace OrleansP2P.Cli;

/// <summary>The <c>p2p</c> command tree (verbs fixed by ARCHITECTURE.md, "Command line").</summary>
public static class CliApp
{
    public static RootCommand Create() => new("p2p: client for an OrleansP2P peer network")
    {
        DirectoryCommands.Status(),
        DirectoryCommands.Files(),
        DirectoryCommands.Peers(),
        SearchCommand.Create(),
        DownloadCommand.Create(),
        UploadCommand.Create(),
        GetCommand.Create(),
        CliCredentials.KeyOption,
        CliCredentials.CaOption,
    };
}
