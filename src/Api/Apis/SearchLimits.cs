using OrleansP2P.Grains.Contracts;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Peers;

namespace OrleansP2P.Api.Apis;

/// <summary>Bounds on what a search may ask; each check returns an error message or null.</summary>
public static class SearchLimits
{
    public const int MaxQueryLength = 256;
    public const int MaxPathLength = 32;
    public const int MaxDeadlineMs = 60_000;

    public static string? CheckQuery(string? query) => query switch
    {
        null or "" => "'query' is required: a substring of file names, or * for everything",
        _ when string.IsNullOrWhiteSpace(query) => "'query' must not be blank",
        { Length: > MaxQueryLength } => $"'query' is at most {MaxQueryLength} characters",
        _ when query.Any(char.IsControl) => "'query' must not contain control characters",
        _ => null,
    };

    public static string? Check(ForwardRequestDto body)
    {
        if (!Guid.TryParse(body.QueryId, out _))
            return "'query_id' must be a GUID";
        if (CheckQuery(body.Query) is { } queryError)
            return queryError;
        if (body.Ttl is < 0 or > PeerOptions.MaxTtl)
            return $"'ttl' must be from 0 to {PeerOptions.MaxTtl}";
        if (body.Fanout is < 1 or > PeerOptions.MaxFanoutLimit)
            return $"'fanout' must be from 1 to {PeerOptions.MaxFanoutLimit}";
        if (body.DeadlineMs is < 1 or > MaxDeadlineMs)
            return $"'deadline_ms' must be from 1 to {MaxDeadlineMs}";
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
