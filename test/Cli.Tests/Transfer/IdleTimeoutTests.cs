using System.Security.Cryptography;
using System.Text.Json;
using Grpc.Core;
using OrleansP2P.Protos;

namespace OrleansP2P.Cli.Tests.Transfer;

/// <summary>
/// A peer that goes quiet fails the transfer after <c>--idle-timeout</c> seconds instead of hanging the CLI; a
/// download keeps what it received, and the next attempt resumes from it.
/// </summary>
[Collection(ProcessState.Name)]
public sealed class IdleTimeoutTests : IDisposable
{
    private const string Name = "stalls.bin";
    /// <summary>
    /// Long enough that a loaded CI machine (a cold CLI process setting up TLS, the stub's first call) never looks
    /// idle before the stall; each stalling test waits it out once.
    /// </summary>
    private const string Idle = "2";
    /// <summary>For a run that should finish: no gap on a loaded machine comes near it.</summary>
    private const string Patient = "30";
    private const int SentBeforeStall = 2 * StubTransfer.ChunkSize;

    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("p2p-cli-idle-");

    public void Dispose() => _out.Delete(recursive: true);

    [Fact]
    public async Task A_source_that_stops_sending_fails_the_download_and_the_part_file_is_kept_for_a_resume()
    {
        var content = RandomNumberGenerator.GetBytes(8 * StubTransfer.ChunkSize);
        var serving = StubTransfer.Serving(Name, content).OnDownload!;
        var calls = 0;
        await using var peer = await StubPeer.StartAsync(new StubTransfer
        {
            OnDownload = async (request, stream, context) =>
            {
                if (Interlocked.Increment(ref calls) > 1)
                {
                    await serving(request, stream, context);
                    return;
                }
                await stream.WriteAsync(StubTransfer.Header(content.Length, StubTransfer.Sha256(content)));
                await StubTransfer.SendAsync(stream, content.AsMemory(0, SentBeforeStall));
                await StubTransfer.StallAsync(context);
            },
        });
        var part = Path.Combine(_out.FullName, Name + ".part");

        var stalled = await DownloadAsync(peer);
        var kept = new FileInfo(part).Length;
        var resumed = await DownloadAsync(peer, Patient);

        Assert.Equal(ExitCodes.Failure, stalled.ExitCode);
        stalled.AssertOneErrorLine(peer.Grpc, "--idle-timeout", part);
        Assert.Equal(SentBeforeStall, kept);
        Assert.Equal(ExitCodes.Ok, resumed.ExitCode);
        Assert.Equal(SentBeforeStall, JsonDocument.Parse(resumed.Out).RootElement.GetProperty("resumed_from").GetInt64());
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(_out.FullName, Name)));
    }

    [Fact]
    public async Task A_source_that_never_sends_the_header_fails_the_download()
    {
        await using var peer = await StubPeer.StartAsync(new StubTransfer { OnDownload = (_, _, context) => StubTransfer.StallAsync(context) });

        var run = await DownloadAsync(peer);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        run.AssertOneErrorLine(peer.Grpc, "--idle-timeout");
        Assert.Empty(_out.EnumerateFileSystemInfos());
    }

    [Fact]
    public async Task A_peer_that_stops_taking_an_upload_fails_it()
    {
        // Far more than HTTP/2 flow control lets through unread, so the CLI blocks sending.
        var local = Path.Combine(_out.FullName, "big.bin");
        await File.WriteAllBytesAsync(local, new byte[8 << 20]);
        await using var peer = await StubPeer.StartAsync(new StubTransfer
        {
            OnUpload = async (requests, context) =>
            {
                await requests.MoveNext(context.CancellationToken);
                await StubTransfer.StallAsync(context);
                return new UploadResult();
            },
        });

        var run = await CliRun.RunAsync("upload", local, "--to", peer.Grpc, "--idle-timeout", Idle, "--json");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        run.AssertOneErrorLine(peer.Grpc, "--idle-timeout");
    }

    private Task<CliRun> DownloadAsync(StubPeer peer, string idleTimeout = Idle) =>
        CliRun.RunAsync("download", Name, "--from", peer.Grpc, "--out", _out.FullName, "--idle-timeout", idleTimeout, "--json");
}
