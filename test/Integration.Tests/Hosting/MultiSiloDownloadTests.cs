using System.Net.Http.Json;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Hosting;

/// <summary>
/// A peer of two silos on Redis runs a download; the silo running it is killed and the other one finishes it from the
/// persisted state (the verified pieces in the grain state, the part file in the shared <c>data_dir</c>).
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class MultiSiloDownloadTests
{
    private const string Name = "failover.bin";
    private const long Size = 40L << 20;

    [RedisFact]
    public async Task Killing_the_silo_running_a_download_lets_the_other_silo_finish_it_from_the_persisted_pieces()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var holder = await PeerProcess.StartAsync("holder", dir => TestFiles.Write(Path.Combine(dir, Name), Size, seed: 7),
            new Dictionary<string, object?> { ["upload_rate_limit"] = 8_000_000 });
        await holder.WaitForFilesAsync(1);
        var config = new Dictionary<string, object?>
        {
            ["clustering"] = "redis",
            ["storage"] = "redis",
            ["redis"] = redis.ConnectionString,
        };
        await using var siloA = await PeerProcess.StartAsync("hub", config: config);
        await using var siloB = await PeerProcess.StartAsync("hub", config: new Dictionary<string, object?>(config)
        {
            ["shared_dir"] = siloA.SharedDir,
            ["data_dir"] = Path.Combine(siloA.Folder, "data"), // one file system for both, as compose and EC2 mount it
        });
        await siloA.RegisterAsync(holder.Url);
        var file = (await holder.GetJsonAsync("/files")).GetProperty("files")[0];
        var link = new MagnetLink(file.GetProperty("checksum").GetString()!, file.GetProperty("tree").GetString()!, Size, Name);

        (await siloA.Http.PostAsJsonAsync("/downloads", new { link = link.ToString() })).Dispose();
        var running = await Poll.UntilAsync(() => Task.FromResult(new[] { siloA, siloB }.FirstOrDefault(s => s.Log.Contains($"Download {link.Sha256}", StringComparison.Ordinal))),
            silo => silo is not null, "a silo running the download");
        var other = running == siloA ? siloB : siloA;
        await Poll.UntilAsync(() => HubCalls.VerifiedAsync(other, link.Sha256), verified => verified >= Size / 5, TimeSpan.FromSeconds(30),
            "a fifth of the pieces verified");
        await running!.KillAsync();

        var done = await Poll.UntilAsync(() => HubCalls.StateAsync(other, link.Sha256), state => state is "done" or "failed", TimeSpan.FromSeconds(150),
            "the surviving silo finishing the download");

        Assert.Equal("done", done);
        Assert.Equal(link.Sha256, TestFiles.Sha256(Path.Combine(siloA.SharedDir, Name)));
        Assert.Contains($"Download {link.Sha256}", other.Log, StringComparison.Ordinal); // it ran there after the kill
    }
}
