using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using OrleansP2P.Cli.Output;
using OrleansP2P.Cli.Transfer;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Swarm;
using OrleansP2P.Swarm.Holders;

namespace OrleansP2P.Cli.Commands;

/// <summary>
/// <c>p2p get LINK|QUERY [--out DIR] [--peer URL] [--sources N] [--parallel N] [--overwrite] [--idle-timeout S]</c>: a
/// swarm download of one content (a magnet link; its holders found by a hash search from <c>--peer</c>) or of every
/// content a search for QUERY finds (hits grouped by SHA-256, so every holder helps), <c>--parallel</c> contents at once.
/// A name that stands for several contents is listed with their links and not fetched.
/// </summary>
public static class GetCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("LINK|QUERY") { Description = "A magnet link (p2p link, the web UI), or part of a file name (* for every file)" };
        var saving = new DownloadOptions();
        var parallel = Count("--parallel", "Contents downloaded at once (1-16)", 4, 16);
        var sources = Count("--sources", "Holders used per content at most (default: all)", null, 1000);
        var peer = CommonOptions.Peer();
        var json = CommonOptions.Json();

        var command = new Command("get", "Download a content from every peer that holds it, verifying each piece") { target };
        saving.AddTo(command);
        command.Add(sources);
        command.Add(parallel);
        command.Add(peer);
        command.Add(json);
        return command.SetGuardedAction(async (result, cancellationToken) =>
        {
            using var api = PeerApiClient.Create(result.GetRequiredValue(peer));
            var groups = await FindAsync(api, result.GetRequiredValue(target), result.GetValue(sources), cancellationToken);
            var asJson = result.GetValue(json);
            using var http = SwarmHttp.CreateClient(HolderSigning.For(CliCredentials.Trusting(SwarmHttp.CreateHandler())));
            var lines = asJson ? new ProgressLines(Console.Out) : null;
            var started = Stopwatch.GetTimestamp();
            var outcomes = await CommonOptions.Display(asJson).RunAsync(board =>
                FetchAllAsync(groups.Wanted, new SwarmFetch(http, board, lines)
                {
                    Overwrite = result.GetValue(saving.Overwrite),
                    IdleTimeout = result.IdleLimit(saving.IdleTimeout),
                }, saving.Directory(result), result.GetValue(parallel)!.Value, cancellationToken));
            var done = outcomes.OfType<SwarmDownloadResult>().ToList();
            if (asJson)
                Console.Out.WriteLine(JsonSerializer.Serialize(done, P2PJson.Options));
            else if (done.Count > 0)
                GetOutput.Summary(done, Stopwatch.GetElapsedTime(started), TableOutput.ForConsole());
            GetOutput.SetAside(groups, asJson ? null : TableOutput.ForConsole());
            foreach (var failure in outcomes.OfType<CliException>())
                ErrorOutput.Write(failure.Message);
            return done.Count == outcomes.Length && groups.Ambiguous.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
    }

    /// <summary>What to fetch: the link's content from the holders a hash search finds, or every content a name search finds.</summary>
    public static async Task<ContentGroups> FindAsync(PeerApiClient api, string target, int? sources, CancellationToken cancellationToken)
    {
        if (MagnetLink.IsLink(target))
        {
            if (!MagnetLink.TryParse(target, out var link, out var problem))
                throw CliException.Usage($"not a usable link: {problem}");
            var path = HolderSearch.Path(link.Sha256, ttl: null);
            var holders = HolderSearch.Holders(PeerApiClient.Parse<SearchResponseDto>(await api.GetJsonAsync(path, cancellationToken), path), link.Sha256);
            return new ContentGroups([new WantedContent(link, [.. holders.Take(sources ?? int.MaxValue)])], [], []);
        }
        var search = SearchCommand.Path(target, ttl: null, fanout: null, noCache: false);
        var groups = ContentGroups.Of(PeerApiClient.Parse<SearchResponseDto>(await api.GetJsonAsync(search, cancellationToken), search), sources);
        if (groups.Wanted.Count == 0 && groups.Ambiguous.Count == 0)
            throw new CliException($"no files match '{target}'" + (groups.Skipped.Count > 0 ? $": {string.Join("; ", groups.Skipped)}" : ""));
        return groups;
    }

    /// <summary>Fetches every content, <paramref name="parallel"/> at once; a failed one does not stop the others.</summary>
    private static async Task<object[]> FetchAllAsync(
        IReadOnlyList<WantedContent> wanted, SwarmFetch fetch, string outDirectory, int parallel, CancellationToken cancellationToken)
    {
        var outcomes = new object[wanted.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, wanted.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                try
                {
                    outcomes[i] = await fetch.FetchAsync(wanted[i], outDirectory, ct);
                }
                catch (CliException e)
                {
                    outcomes[i] = e;
                }
            });
        return outcomes;
    }

    private static Option<int?> Count(string name, string description, int? byDefault, int max)
    {
        var option = new Option<int?>(name) { Description = description, HelpName = "N", DefaultValueFactory = _ => byDefault };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1 || r.GetValueOrDefault<int?>() > max)
                r.AddError($"{name}: between 1 and {max}");
        });
        return option;
    }
}
