using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Downloads;
using OrleansP2P.Grains.Tests.Infrastructure;
using OrleansP2P.Testing;

namespace OrleansP2P.Grains.Tests.Downloads;

/// <summary>The peer's download queue and jobs, with a runner the test ends by hand (max_downloads is 2 in this cluster).</summary>
[Collection(PeerClusterCollection.Name)]
public sealed class DownloadQueueTests(PeerClusterFixture cluster)
{
    private IDownloadsGrain Queue => cluster.Grains.GetDownloads("grain-tests");

    [Fact]
    public async Task Jobs_start_in_posting_order_at_most_two_at_once_and_end_done_failed_waiting_or_cancelled()
    {
        var (a, b, c, d) = (Order("a"), Order("b"), Order("c"), Order("d"));
        foreach (var order in new[] { a, b, c, d })
            Assert.True((await Queue.Post(order, alreadyShared: false)).Created);

        await StatesAsync(jobs => jobs[a.Sha256] == "active" && jobs[b.Sha256] == "active", "a and b running");
        Assert.Equal(["queued", "queued"], [(await StateOf(c)), await StateOf(d)]);
        // a and b start together: each job's run begins on a thread of its own, so which reaches the runner first is not
        // the queue's to order; that only a and b began is.
        await Poll.UntilAsync(() => Task.FromResult(Started(a, b, c, d)), started => started.Count == 2, "a's and b's runs begun");
        Assert.Equal(new[] { a.Sha256, b.Sha256 }.Order(), Started(a, b, c, d).Order());

        cluster.Downloads.End(a.Sha256);
        await StatesAsync(jobs => jobs[a.Sha256] == "done" && jobs[c.Sha256] == "active", "a done, c started");
        await Poll.UntilAsync(() => Task.FromResult(Started(c).Count), starts => starts == 1, "c's run begun");
        cluster.Downloads.End(b.Sha256, new DownloadRunException("the link's xt and x.tree name different contents", retry: false));
        await StatesAsync(jobs => jobs[b.Sha256] == "failed" && jobs[d.Sha256] == "active", "b failed, d started");
        Assert.Equal([c.Sha256, d.Sha256], Started(a, b, c, d)[2..]); // each started when a slot freed, in posting order
        Assert.Contains("different contents", (await Job(b)).Error, StringComparison.Ordinal);

        cluster.Downloads.End(c.Sha256, new DownloadRunException("no peer in reach holds this content yet", retry: true));
        var waiting = await Poll.UntilAsync(() => Job(c), job => job.Error is not null, "c told to wait for holders");
        Assert.Equal("active", waiting.State); // no holder yet: it stays active and is tried again at the next wake

        var cancelled = await Queue.Delete(d.Sha256);
        Assert.Equal("cancelled", cancelled?.State);
        Assert.Contains(d.Sha256, cluster.Downloads.Discarded);
        await Poll.UntilAsync(() => Task.FromResult(cluster.Downloads.Cancelled.Contains(d.Sha256)), seen => seen, "d's run cancelled");

        var again = await Queue.Post(a, alreadyShared: false);
        Assert.False(again.Created);
        Assert.Equal("done", again.Job.State);
        Assert.Equal("done", (await Queue.Delete(a.Sha256))?.State);
        Assert.DoesNotContain(await Queue.List(), job => job.Id == a.Sha256); // a finished job only leaves the list
        Assert.Null(await Queue.Delete(a.Sha256));

        await Queue.Wake();
        await Poll.UntilAsync(() => Task.FromResult(Started(c).Count), starts => starts == 2, "c run again at the wake");
    }

    [Fact]
    public async Task A_content_already_shared_is_a_job_already_done_that_never_runs()
    {
        var order = Order("shared");

        var posted = await Queue.Post(order, alreadyShared: true);

        Assert.Equal("done", posted.Job.State);
        Assert.False(posted.Created);
        Assert.DoesNotContain(order.Sha256, cluster.Downloads.Started);
    }

    private static DownloadOrder Order(string tag)
    {
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray()));
        return new DownloadOrder($"magnet:?xt=urn:sha256:{sha256}", sha256, new string('0', 64), 1 << 20, $"{tag}.bin");
    }

    private List<string> Started(params DownloadOrder[] orders) =>
        [.. cluster.Downloads.Started.Where(id => orders.Any(o => o.Sha256 == id))];

    private async Task<DownloadInfo> Job(DownloadOrder order) => (await Queue.List()).Single(j => j.Id == order.Sha256);

    private async Task<string> StateOf(DownloadOrder order) => (await Job(order)).State;

    private Task<Dictionary<string, string>> StatesAsync(Func<Dictionary<string, string>, bool> done, string what) =>
        Poll.UntilAsync(async () => (await Queue.List()).ToDictionary(j => j.Id, j => j.State), done, what);
}
