using System.Diagnostics;

namespace OrleansP2P.Grains.Diagnostics;

/// <summary>
/// The peer's spans (ActivitySource <see cref="SourceName"/>): <c>search</c> around a copy of a search at this peer
/// (its local matching and its forwards), <c>search.forward</c> around each hop to a neighbour (the HttpClient sends
/// it as the W3C <c>traceparent</c> of the <c>POST /search/forward</c>), and <c>transfer</c> around each download or
/// upload. Spans exist only while a listener samples them (an OpenTelemetry tracer provider, see
/// <c>PeerTracingExtensions</c>); without one, <see cref="StartSearch"/> still keeps the caller's trace id current, so
/// logs and outgoing calls carry it.
/// </summary>
public static class PeerTracing
{
    public const string SourceName = "OrleansP2P";

    /// <summary>Tag naming the peer a span ran on (several peers may share one process in tests).</summary>
    public const string PeerTag = "p2p.peer";

    /// <summary>Tag with the query id of a search span.</summary>
    public const string QueryIdTag = "p2p.query_id";

    /// <summary>Tag with the URL a forward went to.</summary>
    public const string TargetTag = "p2p.target";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// A span for one copy of a search at <paramref name="peer"/>, child of <paramref name="parent"/> when given (a
    /// caller's context carried across a grain call), else of <see cref="Activity.Current"/>. Not sampled and with a
    /// carried parent, a bare activity keeps that trace id current.
    /// </summary>
    public static Activity? StartSearch(string peer, Guid queryId, int ttl, string origin, ActivityContext parent = default)
    {
        var span = Source.StartActivity("search", ActivityKind.Internal, parent);
        if (span is null && parent != default)
            span = new Activity("search").SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags).Start();
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(PeerTag, peer);
            span.SetTag(QueryIdTag, queryId.ToString("D"));
            span.SetTag("p2p.ttl", ttl);
            span.SetTag("p2p.origin", origin);
        }
        return span;
    }

    /// <summary>A client span for one hop from <paramref name="peer"/> to <paramref name="target"/>.</summary>
    public static Activity? StartForward(string peer, string target)
    {
        var span = Source.StartActivity("search.forward", ActivityKind.Client);
        span?.SetTag(PeerTag, peer);
        span?.SetTag(TargetTag, target);
        return span;
    }

    /// <summary>A server span for one transfer (<c>download</c> or <c>upload</c>, over <c>grpc</c> or <c>http</c>).</summary>
    public static Activity? StartTransfer(string direction, string transport)
    {
        var span = Source.StartActivity("transfer " + direction, ActivityKind.Internal);
        span?.SetTag("p2p.direction", direction);
        span?.SetTag("p2p.transport", transport);
        return span;
    }

    /// <summary>Marks <paramref name="span"/> failed with <paramref name="reason"/> (no-op without a span).</summary>
    public static void Fail(Activity? span, string reason) => span?.SetStatus(ActivityStatusCode.Error, reason);
}
