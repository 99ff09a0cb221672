using System.Diagnostics;

namespace OrleansP2P.Grains.Diagnostics;

/// <summary>
/// Carries the caller's trace context into a grain call. <see cref="Activity.Current"/> does not cross one: the grain
/// runs on its activation's scheduler, where the current activity is whatever that activation's work last left there
/// (none, or another request's), so a search grain's spans would start new traces. The caller's W3C id travels in the
/// call's <see cref="RequestContext"/> instead, and the grain starts its span under it.
/// </summary>
public static class GrainCallTrace
{
    /// <summary>The RequestContext key (not Orleans' own <c>traceparent</c>, which its activity propagation filter owns).</summary>
    public const string Key = "p2p.traceparent";

    /// <summary>Puts <see cref="Activity.Current"/>'s id into the RequestContext of the grain calls that follow in this async flow.</summary>
    public static void Carry()
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } current)
            RequestContext.Set(Key, current.Id!);
        else
            RequestContext.Remove(Key);
    }

    /// <summary>Inside a grain: the context the caller carried, or <c>default</c> when none came along.</summary>
    public static ActivityContext Caller() =>
        RequestContext.Get(Key) is string id && ActivityContext.TryParse(id, null, out var context) ? context : default;
}
