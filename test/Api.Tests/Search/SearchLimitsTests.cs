using OrleansP2P.Api.Search;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Api.Tests.Search;

/// <summary>How a forwarded copy's numbers become the copy this peer runs (docs/architecture.md, "Version 2 contracts").</summary>
public sealed class SearchLimitsTests
{
    private const int SearchTimeoutMs = 2000;

    [Theory]
    [InlineData(3, 3, 500, 3, 3, 500)]
    [InlineData(8, 17, 600_000, 7, 16, SearchTimeoutMs)]
    [InlineData(int.MaxValue, int.MaxValue, int.MaxValue, 7, 16, SearchTimeoutMs)]
    [InlineData(0, 1, null, 0, 1, SearchTimeoutMs)]
    public void Values_above_the_bounds_are_clamped_and_a_missing_deadline_is_the_search_timeout(
        int ttl, int fanout, int? deadlineMs, int expectedTtl, int expectedFanout, int expectedDeadlineMs)
    {
        Assert.True(SearchLimits.TryRead(Body(ttl, fanout, deadlineMs), SearchTimeoutMs, out var copy, out var error), error);

        Assert.Equal((expectedTtl, expectedFanout, expectedDeadlineMs), (copy.Ttl, copy.Fanout, copy.DeadlineMs));
    }

    [Theory]
    [InlineData(-1, 1, 100, "'ttl'")]
    [InlineData(0, 0, 100, "'fanout'")]
    [InlineData(0, -3, 100, "'fanout'")]
    [InlineData(0, 1, 0, "'deadline_ms'")]
    [InlineData(0, 1, -1, "'deadline_ms'")]
    public void Negative_values_and_a_zero_fanout_or_deadline_are_refused_naming_the_field(int ttl, int fanout, int deadlineMs, string field)
    {
        Assert.False(SearchLimits.TryRead(Body(ttl, fanout, deadlineMs), SearchTimeoutMs, out var copy, out var error));

        Assert.Null(copy);
        Assert.StartsWith(field, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10_000, 9_700, 500, 200)] // 300 ms on the way: taken off
    [InlineData(10_000, 10_000, 500, 500)]
    [InlineData(10_000, 10_200, 500, 500)] // sent "in the future": the clocks disagree, nothing taken off
    [InlineData(10_000, 8_000, 500, 500)] // longer on the way than the whole deadline: the clocks disagree
    public void The_time_a_copy_spent_on_the_way_is_taken_off_its_deadline_when_the_clocks_agree(long now, long sentAt, int deadlineMs, int expected)
    {
        var body = Body(2, 3, deadlineMs) with { SentAtMs = sentAt };

        Assert.True(SearchLimits.TryRead(body, SearchTimeoutMs, out var copy, out var error, now), error);

        Assert.Equal(expected, copy.DeadlineMs);
    }

    [Fact]
    public void A_negative_sent_at_is_refused()
    {
        Assert.False(SearchLimits.TryRead(Body(2, 3, 500) with { SentAtMs = -1 }, SearchTimeoutMs, out _, out var error, 1000));
        Assert.StartsWith("'sent_at_ms'", error, StringComparison.Ordinal);
    }

    private static ForwardRequestDto Body(int ttl, int fanout, int? deadlineMs) =>
        new("7d7f2c1e-8d1c-4a8e-9d55-0c7a3f0f9b10", "report", ttl, fanout, "http://a.example:1", ["http://a.example:1"], deadlineMs);
}
