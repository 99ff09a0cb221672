using System.Collections.ObjectModel;
using System.Diagnostics;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// The collection an in-memory span exporter fills: spans end on the threads of whichever peer ran them, so adding
/// and reading are locked; <see cref="Snapshot"/> copies what has ended so far.
/// </summary>
public sealed class SpanLog : Collection<Activity>
{
    private readonly Lock _gate = new();

    public IReadOnlyList<Activity> Snapshot()
    {
        lock (_gate)
            return [.. Items];
    }

    protected override void InsertItem(int index, Activity item)
    {
        lock (_gate)
            base.InsertItem(index, item);
    }

    protected override void ClearItems()
    {
        lock (_gate)
            base.ClearItems();
    }
}
