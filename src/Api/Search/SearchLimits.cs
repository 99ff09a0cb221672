using System.Diagnostics.CodeAnalysis;
using OrleansP2P.Contracts;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Search;

/// <summary>Bounds on what a search may ask; each check returns an error message or null.</summary>
public static class SearchLimits
{
    public const int MaxQueryLength = 256;
    public const int MaxPathLength = 32;

    public static string? CheckQuery(string? query) => query switch
    {
        null or "" => "'query' is required: a substring of file names, or * for everything",
        _ when string.IsNullOrWhiteSpace(query) => "'query' must not be blank",
        { Length: > MaxQueryLength } => $"'query' is at most {MaxQueryLength} characters",
        _ when query.Any(char.IsControl) => "'query' must not contain control characters",
        _ => null,
    };

    /// <summary>
    /// A forwarded copy as this peer runs it, or the reason it is refused. Values above this peer's bounds are clamped,
    /// not refused (docs/architecture.md, "Version 2 contracts"): <c>ttl</c> above 7 becomes 7, <c>fanout</c> above 16
    /// becomes 16, <c>deadline_ms</c> above <paramref name="searchTimeoutMs"/> (or absent) becomes
    /// <paramref name="searchTimeoutMs"/>; the time on the way (<c>sent_at_ms</c>, against <paramref name="nowUnixMs"/>) is
    /// taken off. Negative values, a fanout or deadline of 0, and malformed ids, queries or
    /// URLs are refused, and so are relay hints out of bounds (<see cref="RelayHintsReader"/>).
    /// </summary>
    public static bool TryRead(
        ForwardRequestDto body, int searchTimeoutMs, [NotNullWhen(true)] out SearchRequest? request, [NotNullWhen(false)] out string? error,
        long? nowUnixMs = null)
    {
        request = null;
        error = Check(body);
        if (error is not null)
            return false;
        error = RelayHintsReader.TryRead(body, out var hints);
        if (error is not null)
            return false;
        var path = body.Path!.Select(PeerUrl.Canonicalize).ToList();
        request = new SearchRequest(Guid.Parse(body.QueryId!), body.Query!, Math.Min(body.Ttl, PeerOptions.MaxTtl),
            Math.Min(body.Fanout, PeerOptions.MaxFanoutLimit), PeerUrl.Canonicalize(body.Origin!), [.. path],
            Deadline(body, searchTimeoutMs, nowUnixMs), hints);
        return true;
    }

    /// <summary>
    /// The copy's deadline: <c>deadline_ms</c> clamped to <paramref name="searchTimeoutMs"/>, less the time it spent on
    /// the way when <c>sent_at_ms</c> and this peer's clock put that from 0 to the deadline (beyond, the clocks disagree:
    /// nothing is taken off). So a hop that was queued still answers before its sender stops waiting.
    /// </summary>
    private static int Deadline(ForwardRequestDto body, int searchTimeoutMs, long? nowUnixMs)
    {
        var deadline = Math.Min(body.DeadlineMs ?? searchTimeoutMs, searchTimeoutMs);
        var onTheWay = nowUnixMs - body.SentAtMs;
        return onTheWay is > 0 && onTheWay <= deadline ? Math.Max(1, deadline - (int)onTheWay) : deadline;
    }

    private static string? Check(ForwardRequestDto body)
    {
        if (!Guid.TryParse(body.QueryId, out _))
            return "'query_id' must be a GUID";
        if (CheckQuery(body.Query) is { } queryError)
            return queryError;
        if (body.Ttl < 0)
            return "'ttl' must not be negative";
        if (body.Fanout < 1)
            return "'fanout' must be 1 or more";
        if (body.DeadlineMs < 1)
            return "'deadline_ms' must be 1 or more";
        if (body.SentAtMs < 0)
            return "'sent_at_ms' must not be negative";
        if (!PeerUrl.TryCanonicalize(body.Origin, out _, out var originError))
            return $"'origin': {originError}";
        if (body.Path is null || body.Path.Count is 0 or > MaxPathLength)
            return $"'path' must list 1 to {MaxPathLength} peer URLs, the sender last";
        foreach (var url in body.Path)
        {
            if (!PeerUrl.TryCanonicalize(url, out _, out var pathError))
                return $"'path' holds a bad URL: {pathError}";
        }
        return null;
    }
}
