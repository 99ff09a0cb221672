using System.CommandLine;
using OrleansP2P.Cli.Output;

namespace OrleansP2P.Cli.Commands;

/// <summary>
/// The shape every read-only verb shares: GET one path from <c>--peer</c>, then print the raw JSON
/// (<c>--json</c>) or render it for people.
/// </summary>
public static class PeerQuery
{
    /// <summary>Adds <c>--peer</c> and <c>--json</c> to <paramref name="command"/> and makes it GET <paramref name="path"/>.</summary>
    /// <param name="path">The request path relative to the peer URL, built from the parsed command line.</param>
    /// <param name="render">
    /// Prints the answer to the console's <see cref="TableOutput"/>: tables on a terminal, tab-separated rows when piped.
    /// </param>
    public static Command GetsFromPeer<T>(this Command command, Func<ParseResult, string> path, Action<T, TableOutput> render)
    {
        var peer = CommonOptions.Peer();
        var json = CommonOptions.Json();
        command.Add(peer);
        command.Add(json);
        return command.SetGuardedAction(async (result, cancellationToken) =>
        {
            var relative = path(result);
            using var api = PeerApiClient.Create(result.GetRequiredValue(peer));
            var body = await api.GetJsonAsync(relative, cancellationToken);
            if (result.GetValue(json))
                Console.Out.WriteLine(body);
            else
                render(PeerApiClient.Parse<T>(body, relative), TableOutput.ForConsole());
            return ExitCodes.Ok;
        });
    }
}
