using System.CommandLine;
using OrleansP2P.Cli.Commands;

namespace OrleansP2P.Cli;

/// <summary>The <c>p2p</c> command tree (verbs fixed by ARCHITECTURE.md, "Command line").</summary>
public static class CliApp
{
    /// <summary>Parses, applies <c>--key</c>/<c>--ca</c>, runs the command; the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = Create().Parse(args);
        try
        {
            CliCredentials.Apply(parsed);
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        var exitCode = await parsed.InvokeAsync();
        return parsed.Errors.Count > 0 ? ExitCodes.Usage : exitCode;
    }

    public static RootCommand Create() => new("p2p: client for an OrleansP2P peer network")
    {
        DirectoryCommands.Status(),
        DirectoryCommands.Files(),
        DirectoryCommands.Peers(),
        SearchCommand.Create(),
        DownloadCommand.Create(),
        UploadCommand.Create(),
        GetCommand.Create(),
        LinkCommand.Create(),
        CliCredentials.KeyOption,
        CliCredentials.CaOption,
    };
}
