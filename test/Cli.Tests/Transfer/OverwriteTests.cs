using System.Security.Cryptography;
using System.Text.Json;

namespace OrleansP2P.Cli.Tests.Transfer;

/// <summary>
/// <c>p2p download</c> never replaces an existing, different file unless <c>--overwrite</c>; a file that already holds
/// the announced content (same SHA-256) is reported as there, and nothing is fetched again.
/// </summary>
[Collection(ProcessState.Name)]
public sealed class OverwriteTests : IAsyncLifetime
{
    private const string Name = "report.bin";

    private readonly byte[] _served = RandomNumberGenerator.GetBytes(300_000);
    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("p2p-cli-overwrite-");
    private StubPeer _peer = null!;

    private string Existing => Path.Combine(_out.FullName, Name);

    public async Task InitializeAsync() => _peer = await StubPeer.StartAsync(StubTransfer.Serving(Name, _served));

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        _out.Delete(recursive: true);
    }

    [Fact]
    public async Task Download_refuses_to_replace_a_different_file_and_leaves_it_intact()
    {
        var mine = RandomNumberGenerator.GetBytes(_served.Length);
        await File.WriteAllBytesAsync(Existing, mine);

        var run = await DownloadAsync();

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        run.AssertOneErrorLine(Existing, "--overwrite");
        Assert.Equal(mine, await File.ReadAllBytesAsync(Existing));
        Assert.Equal([Existing], Directory.GetFiles(_out.FullName)); // no part file either
    }

    [Fact]
    public async Task Download_with_overwrite_replaces_a_different_file()
    {
        await File.WriteAllTextAsync(Existing, "an older version");

        var run = await DownloadAsync("--overwrite");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(_served, await File.ReadAllBytesAsync(Existing));
    }

    [Fact]
    public async Task A_file_that_already_holds_the_announced_content_is_reported_as_there_and_left_alone()
    {
        await File.WriteAllBytesAsync(Existing, _served);
        var written = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Existing, written);

        var run = await DownloadAsync();

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var result = JsonDocument.Parse(run.Out).RootElement;
        Assert.True(result.GetProperty("already_present").GetBoolean());
        Assert.Equal(StubTransfer.Sha256(_served), result.GetProperty("sha256").GetString());
        Assert.Equal(written, File.GetLastWriteTimeUtc(Existing));
        Assert.Equal([Existing], Directory.GetFiles(_out.FullName));
    }

    private Task<CliRun> DownloadAsync(params string[] options) =>
        CliRun.RunAsync(["download", Name, "--from", _peer.Grpc, "--out", _out.FullName, "--json", .. options]);
}
