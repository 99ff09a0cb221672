using Microsoft.Extensions.Time.Testing;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Grains.Tests.Search;

public sealed class SeenQueriesTests
{
    [Fact]
    public void The_first_copy_of_an_id_is_new_and_later_copies_report_the_largest_ttl_seen()
    {
        var seen = new SeenQueries(new FakeTimeProvider());
        var id = Guid.NewGuid();

        Assert.Equal(-1, seen.Record(id, 2));
        Assert.Equal(2, seen.Record(id, 5));
        Assert.Equal(5, seen.Record(id, 3));
        Assert.Equal(5, seen.Record(id, 0));
    }

    [Fact]
    public void A_flood_of_distinct_ids_keeps_the_set_bounded_and_forgets_the_oldest_first()
    {
        const int capacity = 64;
        var seen = new SeenQueries(new FakeTimeProvider(), capacity);
        var ids = Enumerable.Range(0, capacity * 10).Select(_ => Guid.NewGuid()).ToList();

        foreach (var id in ids)
        {
            seen.Record(id, 3);
            Assert.InRange(seen.Count, 1, capacity);
        }

        Assert.Equal(capacity, seen.Count);
        Assert.Equal(3, seen.Record(ids[^1], 3));
        Assert.Equal(-1, seen.Record(ids[0], 3));
    }

    [Fact]
    public void An_id_is_forgotten_once_its_window_has_passed()
    {
        var time = new FakeTimeProvider();
        var seen = new SeenQueries(time);
        var id = Guid.NewGuid();
        seen.Record(id, 4);

        time.Advance(SeenQueries.Window - TimeSpan.FromSeconds(1));
        var withinWindow = seen.Record(id, 1);
        time.Advance(TimeSpan.FromSeconds(2));
        var afterWindow = seen.Record(id, 1);

        Assert.Equal(4, withinWindow);
        Assert.Equal(-1, afterWindow);
        Assert.Equal(1, seen.Count);
    }
}
