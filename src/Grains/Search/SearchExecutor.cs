using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Grains.Search;

/// <summary>
/// The search algorithm, free of Orleans and HTTP so simulations can run it over an in-memory
/// transport: execute a query id at most once, forward to the neighbours the id's <see cref="RelayState"/>
/// plans (at most <c>fanout</c>, never one on the path), in parallel, each hop with a deadline that shrinks as the
/// answer travels back, and merge the answers. A copy that arrives again with a larger remaining ttl, or with a relay
/// list that asks for more, is forwarded again (never re-executed), so every peer within ttl hops is reached when
/// fanout covers the degree. Every copy after the first counts as a duplicate in <c>p2p_search_duplicates_total</c>.
/// Every answer it gives holds at most <c>search_max_results</c> files. Each asked neighbour's outcome goes to
/// <see cref="SearchHealth"/> when there is one (not in simulations). Each copy is a <c>search</c> span and each hop a
/// <c>search.forward</c> span (<see cref="PeerTracing"/>).
/// </summary>
public sealed partial class SearchExecutor(
    IHopInputSource node, IPeerSearchClient client, SeenQueries seen, P2PMetrics metrics, TimeProvider time,
    IOptions<PeerOptions> options, ILogger<SearchExecutor> logger, SearchHealth? health = null)
{
    private readonly int _maxResults = options.Value.SearchMaxResults;

    /// <summary>Least time a peer keeps for its own reply.</summary>
    public const int MinMarginMs = 20;

    /// <summary>Below this remaining budget a hop is not worth sending.</summary>
    public const int MinHopMs = 30;

    /// <param name="request">The copy to run.</param>
    /// <param name="caller">The trace context the copy came with across a grain call; <c>default</c>: the current activity.</param>
    public async Task<SearchOutcome> ExecuteAsync(SearchRequest request, ActivityContext caller = default)
    {
        var started = time.GetTimestamp();
        var origin = request.FromClient ? "client" : "forwarded";
        using var span = PeerTracing.StartSearch(node.Identity.Name, request.QueryId, request.Ttl, origin, caller);

        // Recorded before the first await: concurrent copies of this id see it at once.
        var previousTtl = seen.Record(request.QueryId, request.Ttl, out var relay);
        var execute = previousTtl < 0;
        if (!execute)
        {
            metrics.SearchDuplicate();
            span?.SetTag("p2p.duplicate", true);
        }
        if (previousTtl > request.Ttl)
            return Duplicate(request);

        var plan = await node.GetHopInputAsync(request.Query, execute, request.Ttl);
        var forwards = relay.Plan(request, plan, node.Identity.Url);
        DropForRouting(request, plan.Skip);
        if (!execute && forwards.Count == 0)
            return Duplicate(request);
        if (request.Ttl <= 0)
            DropForTtl(request, plan.Targets);
        var children = await ForwardAsync(request, forwards, started);
        var local = plan.Matches;

        var own = local.IsEmpty ? [] : ImmutableArray.Create(new PeerHits(node.Identity.Name, node.Identity.Url, node.Identity.Grpc, local));
        var merged = Merge(own, children.Answers, execute ? 1 : 0, _maxResults);
        var outcome = children.Complete ? merged : merged with { Complete = false };

        var elapsed = time.GetElapsedTime(started);
        if (execute)
        {
            metrics.SearchExecuted(origin);
            metrics.SearchCompleted(origin, elapsed);
        }
        if (request.FromClient)
            metrics.PeersReached(outcome.PeersReached);
        span?.SetTag("p2p.peers_reached", outcome.PeersReached);
        span?.SetTag("p2p.complete", outcome.Complete);
        LogExecuted(logger, request.QueryId, origin, request.Ttl, outcome.PeersReached, outcome.Complete, elapsed.TotalMilliseconds);
        return outcome;
    }

    /// <summary>A copy with nothing new to do (its id was seen with at least its ttl, and its relay list asks nothing more): nothing, at once.</summary>
    private SearchOutcome Duplicate(SearchRequest request)
    {
        LogDuplicate(logger, request.QueryId, request.Ttl);
        return SearchOutcome.Duplicate;
    }

    /// <summary>A ttl-0 copy asks no one: the neighbours a copy with more ttl would have asked count as dropped for ttl.</summary>
    /// <summary>Neighbours this copy skipped because their routing tables rule the query out.</summary>
    private void DropForRouting(SearchRequest request, ImmutableArray<string> skipped)
    {
        if (skipped.IsDefaultOrEmpty)
            return;
        var self = node.Identity.Url;
        var count = skipped.Count(url => url != self && !request.Path.Contains(url));
        if (count > 0)
            metrics.Dropped("routing", count);
    }

    private void DropForTtl(SearchRequest request, ImmutableArray<string> neighbours)
    {
        var self = node.Identity.Url;
        var skipped = neighbours.Count(url => url != self && !request.Path.Contains(url));
        if (skipped > 0)
            metrics.Dropped("ttl", Math.Min(skipped, request.Fanout));
    }

    private async Task<(List<SearchOutcome> Answers, bool Complete)> ForwardAsync(
        SearchRequest request, IReadOnlyList<Forward> forwards, long started)
    {
        if (forwards.Count == 0)
            return ([], true);

        var remaining = request.DeadlineMs - (int)time.GetElapsedTime(started).TotalMilliseconds;
        var margin = Math.Max(MinMarginMs, remaining / 5);
        var childDeadline = remaining - margin;
        if (childDeadline < MinHopMs)
        {
            metrics.Dropped("timeout", forwards.Count);
            return ([], false);
        }

        var child = request with { Ttl = request.Ttl - 1, Path = request.Path.Add(node.Identity.Url), DeadlineMs = childDeadline };
        var wait = TimeSpan.FromMilliseconds(childDeadline + margin / 2);
        var answers = await Task.WhenAll(forwards.Select(f => AskAsync(f.Url, child with { Hints = f.Hints }, wait)));
        var answered = answers.OfType<SearchOutcome>().ToList();
        return (answered, answered.Count == forwards.Count);
    }

    /// <summary>One neighbour's answer, or null when it missed its deadline or failed; either way reported to <see cref="SearchHealth"/>.</summary>
    private async Task<SearchOutcome?> AskAsync(string url, SearchRequest request, TimeSpan wait)
    {
        SearchOutcome? answer;
        using (var span = PeerTracing.StartForward(node.Identity.Name, url))
        {
            answer = await TryAskAsync(url, request, wait);
            if (answer is null)
                PeerTracing.Fail(span, "no answer in time");
        }
        if (health is not null)
            await health.ReportAsync(url, answeredInTime: answer is not null);
        return answer;
    }

    private async Task<SearchOutcome?> TryAskAsync(string url, SearchRequest request, TimeSpan wait)
    {
        using var deadline = new CancellationTokenSource(wait, time);
        try
        {
            return await client.ForwardSearchAsync(url, request, deadline.Token);
        }
        catch (OperationCanceledException)
        {
            metrics.Dropped("timeout");
            LogHopFailed(logger, request.QueryId, url, "no answer before the deadline");
            return null;
        }
        catch (PeerCallException e) when (e.InvalidAnswer)
        {
            metrics.Dropped("invalid");
            LogHopFailed(logger, request.QueryId, url, e.Message);
            return null;
        }
        catch (PeerCallException e) when (e.Status == System.Net.HttpStatusCode.TooManyRequests)
        {
            metrics.Dropped("rate_limited");
            LogHopFailed(logger, request.QueryId, url, e.Message);
            return null;
        }
        catch (Exception e)
        {
            metrics.Dropped("error");
            LogHopFailed(logger, request.QueryId, url, e.Message);
            return null;
        }
    }

    /// <summary>
    /// One answer from this hop's own hits and its neighbours' answers: one entry per peer URL (first seen wins its name
    /// and address), files unique by name within it, and a peer listed only with at least one file. At most
    /// <paramref name="maxResults"/> files in all, taken in order (own hits first, then the answers as given);
    /// <c>Truncated</c> when a file was left out here or an answer already was. <c>PeersReached</c> is
    /// <paramref name="executed"/> plus the answers' counts, saturating at <see cref="int.MaxValue"/> (a negative
    /// count adds nothing); <c>Complete</c> when every answer is. Nothing an outcome can hold makes it throw.
    /// </summary>
    public static SearchOutcome Merge(IEnumerable<PeerHits> own, IReadOnlyCollection<SearchOutcome> answers, int executed, int maxResults)
    {
        var byPeer = new Dictionary<string, (PeerHits Hits, Dictionary<string, FileEntry> Files)>(StringComparer.Ordinal);
        var order = new List<string>();
        var kept = 0;
        var truncated = false;
        foreach (var hits in own.Concat(answers.SelectMany(a => a.Results)))
        {
            foreach (var file in hits.Files)
            {
                var known = byPeer.TryGetValue(hits.Url, out var entry);
                if (known && entry.Files.ContainsKey(file.Name))
                    continue;
                if (kept >= maxResults)
                {
                    truncated = true;
                    break;
                }
                if (!known)
                {
                    entry = (hits, new Dictionary<string, FileEntry>(StringComparer.Ordinal));
                    byPeer[hits.Url] = entry;
                    order.Add(hits.Url);
                }
                entry.Files[file.Name] = file;
                kept++;
            }
        }
        long reached = Math.Max(0, executed);
        foreach (var answer in answers)
            reached = Math.Min(reached + Math.Max(0, answer.PeersReached), int.MaxValue);
        return new SearchOutcome(
            [.. order.Select(url => byPeer[url].Hits with { Files = [.. byPeer[url].Files.Values] })],
            answers.All(a => a.Complete),
            (int)reached,
            truncated || answers.Any(a => a.Truncated));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "query_id={QueryId} duplicate (ttl {Ttl}) answered with nothing")]
    private static partial void LogDuplicate(ILogger logger, Guid queryId, int ttl);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "query_id={QueryId} {Origin} ttl={Ttl}: {PeersReached} peers reached, complete={Complete}, {ElapsedMs} ms")]
    private static partial void LogExecuted(ILogger logger, Guid queryId, string origin, int ttl, int peersReached, bool complete, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "query_id={QueryId} hop to {Peer} failed: {Reason}")]
    private static partial void LogHopFailed(ILogger logger, Guid queryId, string peer, string reason);
}
