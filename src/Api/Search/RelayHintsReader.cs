using System.Collections.Immutable;
using OrleansP2P.Contracts;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Search;

/// <summary>
/// The optional relay hints of a forward (<c>relay</c>, <c>relay_view</c>, <c>known</c>), read as untrusted input:
/// at most <see cref="PeerLinks.MaxLinks"/> relay URLs and <see cref="PeerLinks.MaxKnown"/> known entries, every URL
/// valid, every known ttl from 0 (a ttl above the largest is clamped), a relay list only with a view of the right
/// shape. A forward without them reads as <see cref="RelayHints.None"/>'s flood.
/// </summary>
public static class RelayHintsReader
{
    /// <summary>The hints of <paramref name="body"/> (null when it carries none), or the reason they are refused.</summary>
    public static string? TryRead(ForwardRequestDto body, out RelayHints? hints)
    {
        hints = null;
        if (body.Relay is null && body.RelayView is null && body.Known is null)
            return null;
        if (body.RelayView is not null && !PeerLinks.IsView(body.RelayView))
            return $"'relay_view' must be {PeerLinks.ViewLength} lower-case hex characters";
        if (body.Relay is not null && body.RelayView is null)
            return "'relay' needs 'relay_view'";
        if (body.Relay is { Count: > PeerLinks.MaxLinks })
            return $"'relay' lists at most {PeerLinks.MaxLinks} peer URLs";
        if (body.Known is { Count: > PeerLinks.MaxKnown })
            return $"'known' holds at most {PeerLinks.MaxKnown} entries";
        var relay = ImmutableArray.CreateBuilder<string>();
        foreach (var url in body.Relay ?? [])
        {
            if (!PeerUrl.TryCanonicalize(url, out var canonical, out var error))
                return $"'relay' holds a bad URL: {error}";
            relay.Add(canonical);
        }
        var known = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        foreach (var (url, ttl) in body.Known ?? ImmutableDictionary<string, int>.Empty)
        {
            if (!PeerUrl.TryCanonicalize(url, out var canonical, out var error))
                return $"'known' holds a bad URL: {error}";
            if (ttl < 0)
                return "'known' ttls must not be negative";
            known[canonical] = Math.Max(known.GetValueOrDefault(canonical), Math.Min(ttl, PeerOptions.MaxTtl));
        }
        hints = new RelayHints(relay.ToImmutable(), body.RelayView, known.ToImmutable());
        return null;
    }
}
