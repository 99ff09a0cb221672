using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using OrleansP2P.Cli.Output;
using OrleansP2P.Cli.Transfer;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Cli.Commands;

/// <summary>
/// <c>p2p get QUERY [--out DIR] [--parallel N] [--peer URL] [--overwrite] [--idle-timeout SECONDS]</c>: search the
/// network from <c>--peer</c>, then download every matching file from its best holder, <c>N</c> at a time, each
/// resumable and verified.
/// </summary>
public static class GetCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("QUERY") { Description = "Case-insensitive part of a file name; * fetches every file" };
        var saving = new DownloadOptions();
        var parallel = new Option<int>("--parallel")
        {
            Description = "Files downloaded at once (1-16)",
            HelpName = "N",
            DefaultValueFactory = _ => 4,
        };
        parallel.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 16)
                r.AddError("--parallel: between 1 and 16");
        });
        var peer = CommonOptions.Peer();
        var json = CommonOptions.Json();

        var command = new Command("get", "Search the network and download every matching file") { query };
        saving.AddTo(command);
        command.Add(parallel);
        command.Add(peer);
        command.Add(json);
        return command.SetGuardedAction(async (result, cancellationToken) =>
        {
            using var api = PeerApiClient.Create(result.GetRequiredValue(peer));
            var path = SearchCommand.Path(result.GetRequiredValue(query), ttl: null, fanout: null, noCache: false);
            var holders = Holder.Choose(PeerApiClient.Parse<SearchResponseDto>(await api.GetJsonAsync(path, cancellationToken), path));
            if (holders.Count == 0)
                throw new CliException($"no files match '{result.GetRequiredValue(query)}'");

            var asJson = result.GetValue(json);
            var started = Stopwatch.GetTimestamp();
            var outcomes = await CommonOptions.Display(asJson).RunAsync(board =>
                DownloadAllAsync(holders, source => saving.Downloader(result, source, board), saving.Directory(result),
                    result.GetValue(parallel), cancellationToken));
            var elapsed = Stopwatch.GetElapsedTime(started);

            var done = outcomes.OfType<DownloadResult>().ToList();
            if (asJson)
                Console.Out.WriteLine(JsonSerializer.Serialize(done, P2PJson.Options));
            else
                PrintSummary(done, elapsed);
            foreach (var failure in outcomes.OfType<CliException>())
                ErrorOutput.Write(failure.Message);
            return done.Count == holders.Count ? ExitCodes.Ok : ExitCodes.Failure;
        });
    }

    /// <summary>Downloads every file, <paramref name="parallel"/> at once; a failed file does not stop the others.</summary>
    private static async Task<object[]> DownloadAllAsync(
        IReadOnlyList<Holder> holders, Func<GrpcTarget, FileDownloader> downloader, string outDirectory, int parallel,
        CancellationToken cancellationToken)
    {
        var outcomes = new object[holders.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, holders.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                try
                {
                    outcomes[i] = await downloader(holders[i].Source).DownloadAsync(holders[i].Name, outDirectory, ct);
                }
                catch (CliException e)
                {
                    outcomes[i] = new CliException($"{holders[i].Name} from {holders[i].Peer}: {e.Message}", e.ExitCode);
                }
            });
        return outcomes;
    }

    private static void PrintSummary(List<DownloadResult> done, TimeSpan elapsed)
    {
        foreach (var d in done)
        {
            Console.Out.WriteLine(d.AlreadyPresent
                ? $"kept {Format.Safe(d.Name)} ({Format.Bytes(d.Bytes)}): already there with sha256 {Format.ShortHash(d.Sha256)}"
                : $"saved {Format.Safe(d.Name)} ({Format.Bytes(d.Bytes)}) from {d.Source}, sha256 {Format.ShortHash(d.Sha256)} verified");
        }
        var bytes = done.Sum(d => d.Bytes - d.ResumedFrom);
        Console.Out.WriteLine($"{done.Count} files, {Format.Bytes(done.Sum(d => d.Bytes))} in {Format.Seconds(elapsed)}, {Format.MegabytesPerSecond(bytes, elapsed)}");
    }
}
