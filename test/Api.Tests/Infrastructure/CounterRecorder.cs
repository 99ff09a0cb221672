using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OrleansP2P.Grains.Diagnostics;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// What one counter of the <c>P2P</c> meter adds while it listens, by the value of one label: exact and immediate,
/// where a <c>/metrics</c> scrape may be served from the exporter's short cache.
/// </summary>
public sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _added = new(StringComparer.Ordinal);

    /// <param name="instrument">The instrument's name as created (e.g. <c>p2p.dropped</c>, exported as <c>p2p_dropped_total</c>).</param>
    /// <param name="label">The label to count by (e.g. <c>reason</c>).</param>
    public CounterRecorder(string instrument, string label)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == P2PMetrics.MeterName && published.Name == instrument)
                listener.EnableMeasurementEvents(published);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == label && tag.Value is string key)
                    _added.AddOrUpdate(key, value, (_, sum) => sum + value);
            }
        });
        _listener.Start();
    }

    /// <summary>What was added under <paramref name="labelValue"/> since the recorder started.</summary>
    public long this[string labelValue] => _added.GetValueOrDefault(labelValue);

    public void Dispose() => _listener.Dispose();
}
