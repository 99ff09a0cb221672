using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Transfer;

/// <summary>
/// Downloads run by the peer (<c>/downloads</c>) between real peers: peer2 holds the files and serves at most
/// <see cref="DownloadNetwork.Rate"/> bytes per second; peer1 downloads them into its shared folder.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class PeerDownloadTests(DownloadNetwork net) : IClassFixture<DownloadNetwork>
{
    private PeerProcess Downloader => net.Network[1];

    [Fact]
    public async Task A_posted_link_lands_exact_in_the_shared_folder_is_listed_and_posting_it_again_answers_the_same_job()
    {
        var link = await net.LinkAsync("one.bin");

        using var posted = await PostAsync(link);
        var done = await WaitForStateAsync(link.Sha256, "done");
        using var again = await PostAsync(link);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(link.Sha256, (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("done", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(link.Size, done.GetProperty("bytes_verified").GetInt64());
        Assert.Equal(link.Sha256, TestFiles.Sha256(Path.Combine(Downloader.SharedDir, "one.bin")));
        var files = await Downloader.GetJsonAsync("/files");
        Assert.Contains(files.GetProperty("files").EnumerateArray(), f => f.GetProperty("name").GetString() == "one.bin"
            && f.GetProperty("checksum").GetString() == link.Sha256 && f.GetProperty("tree").GetString() == link.Tree);

        using var removed = await Downloader.Http.DeleteAsync($"/downloads/{link.Sha256}");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.DoesNotContain(await JobsAsync(), j => j.GetProperty("id").GetString() == link.Sha256);
        Assert.True(File.Exists(Path.Combine(Downloader.SharedDir, "one.bin"))); // a finished job only leaves the list
    }

    [Theory]
    [InlineData("not a link")]
    [InlineData("magnet:?xt=urn:sha256:abc")]
    [InlineData("magnet:?xt=urn:sha256:1111111111111111111111111111111111111111111111111111111111111111&x.tree=2222222222222222222222222222222222222222222222222222222222222222&dn=..%2Fescape.txt")]
    public async Task A_malformed_link_or_an_unsafe_name_is_400_and_starts_nothing(string link)
    {
        using var response = await Downloader.Http.PostAsJsonAsync("/downloads", new { link });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("link", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_different_file_of_that_name_already_shared_makes_the_job_failed_with_an_error_and_keeps_that_file()
    {
        var link = await net.LinkAsync("clash.bin");
        var mine = Path.Combine(Downloader.SharedDir, "clash.bin");
        await File.WriteAllTextAsync(mine, "peer1's own clash.bin\n");

        (await PostAsync(link)).Dispose();
        var job = await Poll.UntilAsync(() => JobAsync(link.Sha256), j => j?.GetProperty("state").GetString() is "failed" or "done",
            TimeSpan.FromSeconds(30), "the clashing download ending");

        Assert.Equal("failed", job!.Value.GetProperty("state").GetString());
        Assert.Contains("already shared", job.Value.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("peer1's own clash.bin\n", await File.ReadAllTextAsync(mine));
    }

    [Fact]
    public async Task Deleting_an_unknown_job_is_404_and_a_malformed_id_400()
    {
        using var unknown = await Downloader.Http.DeleteAsync($"/downloads/{new string('e', 64)}");
        using var malformed = await Downloader.Http.DeleteAsync("/downloads/not-a-hash");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (unknown.StatusCode, malformed.StatusCode));
    }

    [Fact]
    public async Task Five_links_with_max_downloads_2_never_run_more_than_2_start_in_posting_order_and_all_finish()
    {
        var links = await Task.WhenAll(Enumerable.Range(0, DownloadNetwork.QueueFiles).Select(i => net.LinkAsync($"queue-{i}.bin")));
        foreach (var link in links)
            (await PostAsync(link)).Dispose();

        var ids = links.Select(l => l.Sha256).ToList();
        var mostActive = 0;
        var started = new List<string>();
        await Poll.UntilAsync(async () =>
        {
            var jobs = (await JobsAsync()).Where(j => ids.Contains(j.GetProperty("id").GetString()!)).ToList();
            var active = jobs.Where(j => j.GetProperty("state").GetString() == "active").Select(j => j.GetProperty("id").GetString()!).ToList();
            mostActive = Math.Max(mostActive, active.Count);
            started.AddRange(jobs.Where(j => j.GetProperty("state").GetString() != "queued").Select(j => j.GetProperty("id").GetString()!)
                .Where(id => !started.Contains(id)));
            return jobs;
        }, jobs => jobs.Count == ids.Count && jobs.All(j => j.GetProperty("state").GetString() == "done"), TimeSpan.FromSeconds(90),
            "every queued download done");

        Assert.InRange(mostActive, 1, 2);
        // Jobs leave "queued" in posting order (two may be seen starting in the same poll; their order among them is by posting too).
        Assert.Equal(ids, started);
        Assert.All(links, link => Assert.Equal(link.Sha256, TestFiles.Sha256(Path.Combine(Downloader.SharedDir, link.Name!))));
    }

    [Fact]
    public async Task A_peer_killed_midway_resumes_its_download_on_restart_and_the_holder_serves_at_most_16_MiB_more_than_the_file()
    {
        var link = await net.LinkAsync("resume.bin");
        var before = await net.ServedAsync();
        (await PostAsync(link)).Dispose();

        var midway = await Poll.UntilAsync(() => JobAsync(link.Sha256),
            job => job is { } j && j.GetProperty("bytes_verified").GetInt64() >= link.Size / 4, TimeSpan.FromSeconds(60), "a quarter verified");
        var fraction = midway!.Value.GetProperty("bytes_verified").GetInt64() / (double)link.Size!.Value;
        Assert.InRange(fraction, 0.25, 0.75);
        await Downloader.KillAsync();
        await Downloader.RestartAsync();

        await WaitForStateAsync(link.Sha256, "done");
        Assert.Equal(link.Sha256, TestFiles.Sha256(Path.Combine(Downloader.SharedDir, "resume.bin")));
        var served = await net.ServedSinceAsync(before, link.Size.Value);
        Assert.True(served <= link.Size + (16 << 20), $"the holder served {served} bytes for a file of {link.Size}, killed at {fraction:P0}");
    }

    [Fact]
    public async Task Deleting_a_running_download_cancels_it_and_leaves_no_part_file()
    {
        var link = await net.LinkAsync("cancel.bin");
        (await PostAsync(link)).Dispose();
        await Poll.UntilAsync(() => JobAsync(link.Sha256), job => job?.GetProperty("bytes_verified").GetInt64() > 0, "the download under way");

        using var cancelled = await Downloader.Http.DeleteAsync($"/downloads/{link.Sha256}");
        var job = await JobAsync(link.Sha256);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", job?.GetProperty("state").GetString());
        Assert.False(File.Exists(Path.Combine(Downloader.Folder, "data", "downloads", link.Sha256 + ".part")));
        Assert.False(File.Exists(Path.Combine(Downloader.SharedDir, "cancel.bin")));
    }

    private Task<HttpResponseMessage> PostAsync(MagnetLink link) => Downloader.Http.PostAsJsonAsync("/downloads", new { link = link.ToString() });

    private async Task<List<JsonElement>> JobsAsync() =>
        [.. (await Downloader.GetJsonAsync("/downloads")).GetProperty("downloads").EnumerateArray()];

    private async Task<JsonElement?> JobAsync(string id) =>
        (await JobsAsync()).Where(j => j.GetProperty("id").GetString() == id).Select(j => (JsonElement?)j).FirstOrDefault();

    private async Task<JsonElement> WaitForStateAsync(string id, string state) =>
        (await Poll.UntilAsync(() => JobAsync(id), job => job?.GetProperty("state").GetString() is { } s && (s == state || s == "failed"),
            TimeSpan.FromSeconds(60), $"download {id[..8]} {state}"))!.Value is var job && job.GetProperty("state").GetString() == state
            ? job
            : throw new Xunit.Sdk.XunitException($"download {id[..8]} failed: {job.GetProperty("error")}");
}

/// <summary>Two peers in a line; peer2 holds every file the tests download and serves at most <see cref="Rate"/> bytes per second.</summary>
public sealed class DownloadNetwork : IAsyncLifetime
{
    public const long Rate = 10_000_000;
    public const int QueueFiles = 5;

    private static readonly Dictionary<string, long> Files = new()
    {
        ["one.bin"] = (4L << 20) + 17,
        ["clash.bin"] = 1L << 20,
        ["resume.bin"] = 48L << 20,
        ["cancel.bin"] = 64L << 20,
    };

    public PeerNetwork Network { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Network = await PeerNetwork.StartAsync(2, PeerNetwork.Line(2), (i, dir) =>
        {
            if (i != 2)
                return;
            foreach (var (name, size) in Files)
                TestFiles.Write(Path.Combine(dir, name), size, seed: name.Length);
            for (var q = 0; q < QueueFiles; q++)
                TestFiles.Write(Path.Combine(dir, $"queue-{q}.bin"), 32L << 20, seed: 100 + q);
        }, new Dictionary<string, object?> { ["upload_rate_limit"] = Rate, ["max_downloads"] = 2 });
        await Network[2].WaitForFilesAsync(Files.Count + QueueFiles);
    }

    public async Task DisposeAsync() => await Network.DisposeAsync();

    /// <summary>The magnet link of one of peer2's files, from its own listing.</summary>
    public async Task<MagnetLink> LinkAsync(string name)
    {
        var file = (await Network[2].GetJsonAsync("/files")).GetProperty("files").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);
        return new MagnetLink(file.GetProperty("checksum").GetString()!, file.GetProperty("tree").GetString()!, file.GetProperty("size").GetInt64(), name);
    }

    /// <summary>Bytes peer2 has served so far (<c>p2p_transfer_bytes_total{direction="download"}</c>).</summary>
    public Task<long> ServedAsync() => SwarmNetwork.ServedByAsync(Network[2]);

    public async Task<long> ServedSinceAsync(long before, long atLeast) =>
        await Poll.UntilAsync(async () => await ServedAsync() - before, total => total >= atLeast, TimeSpan.FromSeconds(10),
            $"the holder reporting {atLeast} bytes served");
}
