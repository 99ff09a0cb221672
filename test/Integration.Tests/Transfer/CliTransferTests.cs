using OrleansP2P.Api.Transfer;
using OrleansP2P.Cli;
using OrleansP2P.Cli.Transfer;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Transfer;

/// <summary>Two peers: peer1 shares files to download, peer2 receives uploads.</summary>
public sealed class TwoPeers : IAsyncLifetime
{
    public const int Files = 8;
    public const long FileSize = 4L << 20;

    public PeerNetwork Network { get; private set; } = null!;

    /// <summary>Large enough that a download is still running when the test cuts it (the writer queues a few chunks).</summary>
    public const string Resumable = "resumable.bin";

    public const long ResumableSize = 24L << 20;

    public static string NameOf(int i) => $"shared-{i}.bin";

    public async Task InitializeAsync()
    {
        Network = await PeerNetwork.StartAsync(2, PeerNetwork.Line(2), (peer, dir) =>
        {
            if (peer == 1)
            {
                for (var i = 0; i < Files; i++)
                    TestFiles.Write(Path.Combine(dir, NameOf(i)), FileSize + i, seed: 100 + i);
                TestFiles.Write(Path.Combine(dir, Resumable), ResumableSize, seed: 99);
            }
        }, new Dictionary<string, object?> { ["accept_uploads"] = true });
        await Network[1].WaitForFilesAsync(Files + 1);
    }

    public async Task DisposeAsync() => await Network.DisposeAsync();
}

[Collection(PeerCollection.Name)]
public sealed class CliTransferTests(TwoPeers fixture) : IClassFixture<TwoPeers>, IDisposable
{
    private const int ChunkSize = FileTransferService.ChunkSize;

    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("p2p-cli-out-");

    private PeerProcess Source => fixture.Network[1];

    private GrpcTarget SourceTarget => GrpcTarget.TryParse($"127.0.0.1:{Source.GrpcPort}", out _)!;

    [Fact]
    public async Task A_download_cut_mid_way_resumes_from_the_part_file_and_re_fetches_at_most_one_chunk()
    {
        var name = TwoPeers.Resumable;
        using var cancel = new CancellationTokenSource();
        var firstBoard = new RecordingBoard(cancelAfterBytes: ChunkSize + 1, cancel);
        var cut = await Record.ExceptionAsync(() => new FileDownloader(SourceTarget, firstBoard).DownloadAsync(name, _out.FullName, cancel.Token));
        Assert.True(cut is OperationCanceledException, cut?.ToString());
        var received = firstBoard.Lines[name].Advanced;
        var partLength = new FileInfo(Path.Combine(_out.FullName, name + ".part")).Length;
        Assert.InRange(partLength, received, TwoPeers.ResumableSize - 1);
        Assert.False(File.Exists(Path.Combine(_out.FullName, name)));

        var secondBoard = new RecordingBoard();
        var result = await new FileDownloader(SourceTarget, secondBoard).DownloadAsync(name, _out.FullName, CancellationToken.None);

        Assert.Equal(partLength, result.ResumedFrom);
        Assert.InRange(received - result.ResumedFrom, 0, ChunkSize); // already-received bytes fetched again
        Assert.Equal(TwoPeers.ResumableSize - partLength, secondBoard.Lines[name].Advanced);
        Assert.Equal(TestFiles.Sha256(Path.Combine(Source.SharedDir, name)), TestFiles.Sha256(Path.Combine(_out.FullName, name)));
        Assert.Equal(result.Sha256, TestFiles.Sha256(Path.Combine(_out.FullName, name)));
        Assert.False(File.Exists(Path.Combine(_out.FullName, name + ".part")));
        Assert.False(File.Exists(Path.Combine(_out.FullName, name + ".part.sha256")));
    }

    [Fact]
    public async Task A_part_file_meant_for_another_version_of_the_file_is_discarded_and_the_download_restarts()
    {
        var name = TwoPeers.NameOf(1);
        var part = Path.Combine(_out.FullName, name + ".part");
        await File.WriteAllBytesAsync(part, new byte[3 * ChunkSize]);
        await File.WriteAllTextAsync(part + ".sha256", new string('a', 64));

        var result = await new FileDownloader(SourceTarget, new RecordingBoard()).DownloadAsync(name, _out.FullName, CancellationToken.None);

        Assert.Equal(0, result.ResumedFrom);
        Assert.Equal(TestFiles.Sha256(Path.Combine(Source.SharedDir, name)), TestFiles.Sha256(Path.Combine(_out.FullName, name)));
    }

    [Fact]
    public async Task A_part_file_with_corrupt_bytes_fails_verification_and_is_deleted()
    {
        var name = TwoPeers.NameOf(2);
        var sourcePath = Path.Combine(Source.SharedDir, name);
        var part = Path.Combine(_out.FullName, name + ".part");
        var corrupt = (await File.ReadAllBytesAsync(sourcePath))[..(2 * ChunkSize)];
        corrupt[12345] ^= 0xFF;
        await File.WriteAllBytesAsync(part, corrupt);
        await File.WriteAllTextAsync(part + ".sha256", TestFiles.Sha256(sourcePath));

        var error = await Assert.ThrowsAsync<CliException>(() =>
            new FileDownloader(SourceTarget, new RecordingBoard()).DownloadAsync(name, _out.FullName, CancellationToken.None));

        Assert.Contains("SHA-256 mismatch", error.Message, StringComparison.Ordinal);
        Assert.Empty(_out.EnumerateFileSystemInfos());
    }

    /// <summary>All eight downloads at once; the uploads as many at a time as one client address may (four).</summary>
    [Fact]
    public async Task Eight_downloads_at_once_and_eight_uploads_four_at_a_time_between_two_peers_all_verify()
    {
        var target = fixture.Network[2];
        var targetGrpc = GrpcTarget.TryParse($"127.0.0.1:{target.GrpcPort}", out _)!;
        var uploadDir = Directory.CreateDirectory(Path.Combine(_out.FullName, "up"));
        var uploadHashes = Enumerable.Range(0, TwoPeers.Files)
            .ToDictionary(i => $"up-{i}.bin", i => TestFiles.Write(Path.Combine(uploadDir.FullName, $"up-{i}.bin"), (2L << 20) + i, seed: 200 + i));
        var board = new RecordingBoard();

        var downloads = Enumerable.Range(0, TwoPeers.Files).Select(i =>
            new FileDownloader(SourceTarget, board).DownloadAsync(TwoPeers.NameOf(i), Path.Combine(_out.FullName, "down"), CancellationToken.None));
        using var slots = new SemaphoreSlim(UploadSlots.PerAddress);
        var uploads = uploadHashes.Keys.Select(async name =>
        {
            await slots.WaitAsync();
            try
            {
                return await new FileUploader(targetGrpc, board).UploadAsync(Path.Combine(uploadDir.FullName, name), overwrite: false, CancellationToken.None);
            }
            finally
            {
                slots.Release();
            }
        });
        var downloaded = await Task.WhenAll(downloads);
        var uploaded = await Task.WhenAll(uploads);

        foreach (var d in downloaded)
            Assert.Equal(TestFiles.Sha256(Path.Combine(Source.SharedDir, d.Name)), TestFiles.Sha256(d.Path));
        foreach (var u in uploaded)
        {
            Assert.Equal(uploadHashes[u.Name], u.Sha256);
            Assert.Equal(uploadHashes[u.Name], TestFiles.Sha256(Path.Combine(target.SharedDir, u.Name)));
        }
        Assert.Equal(uploadHashes.Keys.Order(), (await target.ListedNamesAsync()).Where(n => n.StartsWith("up-", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task Get_searches_the_network_and_downloads_every_match_from_a_holder()
    {
        var exit = await CliApp.Create()
            .Parse(["get", "shared-", "--out", _out.FullName, "--parallel", "3", "--peer", fixture.Network[2].Url, "--json"])
            .InvokeAsync();

        Assert.Equal(0, exit);
        for (var i = 0; i < TwoPeers.Files; i++)
        {
            var name = TwoPeers.NameOf(i);
            Assert.Equal(TestFiles.Sha256(Path.Combine(Source.SharedDir, name)), TestFiles.Sha256(Path.Combine(_out.FullName, name)));
        }
    }

    [Fact]
    public async Task Get_replaces_a_different_local_file_only_with_overwrite()
    {
        var name = TwoPeers.NameOf(3);
        var local = Path.Combine(_out.FullName, name);
        await File.WriteAllTextAsync(local, "a different file of the same name");
        string[] get = ["get", name, "--out", _out.FullName, "--peer", fixture.Network[2].Url, "--json"];

        var refused = await CliApp.Create().Parse(get).InvokeAsync();
        var kept = await File.ReadAllTextAsync(local);
        var replaced = await CliApp.Create().Parse([.. get, "--overwrite"]).InvokeAsync();

        Assert.Equal(ExitCodes.Failure, refused);
        Assert.Equal("a different file of the same name", kept);
        Assert.Equal(ExitCodes.Ok, replaced);
        Assert.Equal(TestFiles.Sha256(Path.Combine(Source.SharedDir, name)), TestFiles.Sha256(local));
    }

    public void Dispose() => _out.Delete(recursive: true);
}
