using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansP2P.Api.Transfer;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Options;
using OrleansP2P.Testing;

namespace OrleansP2P.Api.Tests.Transfer;

public sealed class UploadStoreTests : IDisposable
{
    private const string Sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private readonly TempFolder _folder = new("p2p-upload-policy");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose()
    {
        _folder.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task A_peer_that_does_not_accept_uploads_refuses_them_before_writing_anything()
    {
        var store = Store(accept: false, quota: 0);

        var e = await Assert.ThrowsAsync<TransferException>(() => store.BeginAsync(new UploadRequest("a.bin", 10, Sha, false), null, CancellationToken.None));

        Assert.Equal(TransferError.Forbidden, e.Error);
        Assert.True(e.IsRejection);
        AssertNothingWritten(store);
    }

    [Fact]
    public async Task An_upload_that_would_take_the_shared_folder_over_its_quota_is_refused_before_writing_anything()
    {
        _folder.Write("shared/existing.bin", new byte[600]);
        var store = Store(accept: true, quota: 1000);

        var e = await Assert.ThrowsAsync<TransferException>(() => store.BeginAsync(new UploadRequest("a.bin", 401, Sha, false), null, CancellationToken.None));

        Assert.Equal(TransferError.QuotaExceeded, e.Error);
        Assert.Contains("1000", e.Message, StringComparison.Ordinal);
        AssertNothingWritten(store);
    }

    [Fact]
    public async Task An_upload_that_fits_the_quota_exactly_is_accepted()
    {
        _folder.Write("shared/existing.bin", new byte[600]);
        var store = Store(accept: true, quota: 1000);

        await using var session = await store.BeginAsync(new UploadRequest("a.bin", 400, Sha, false), null, CancellationToken.None);

        Assert.True(File.Exists(session.PartPath));
    }

    [Fact]
    public async Task Uploads_in_progress_count_against_the_quota_until_their_session_ends()
    {
        var store = Store(accept: true, quota: 1000);

        var first = await store.BeginAsync(new UploadRequest("first.bin", 600, Sha, false), null, CancellationToken.None);
        var e = await Assert.ThrowsAsync<TransferException>(() => store.BeginAsync(new UploadRequest("second.bin", 600, Sha, false), null, CancellationToken.None));
        await first.DisposeAsync();
        await using var second = await store.BeginAsync(new UploadRequest("second.bin", 600, Sha, false), null, CancellationToken.None);

        Assert.Equal(TransferError.QuotaExceeded, e.Error);
        Assert.Equal(600, second.Request.Size);
    }

    [Fact]
    public async Task An_overwrite_counts_the_replaced_file_out_of_the_quota()
    {
        _folder.Write("shared/existing.bin", new byte[600]);
        var store = Store(accept: true, quota: 1000);

        await using var session = await store.BeginAsync(new UploadRequest("existing.bin", 900, Sha, true), null, CancellationToken.None);

        Assert.Equal(900, session.Request.Size);
    }

    [Fact]
    public async Task An_upload_to_a_shared_folder_that_cannot_take_files_is_refused_before_its_first_byte()
    {
        var store = Store(accept: true, quota: 0);
        Directory.Delete(_folder.PathOf("shared")); // a folder that is gone or cannot hold files (here a file in its place)
        _folder.Write("shared", [1]);

        var e = await Assert.ThrowsAsync<TransferException>(() => store.BeginAsync(new UploadRequest("a.bin", 10, Sha, false), null, CancellationToken.None));

        Assert.Equal(TransferError.StorageUnwritable, e.Error);
        Assert.True(e.IsRejection);
        Assert.StartsWith("this peer cannot write to its shared folder (", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_folder.Root, e.Message, StringComparison.Ordinal); // the peer's folders are its own business
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, TransferStatus.ToStatusCode(e.Error));
        Assert.Equal(507, TransferProblems.StatusOf(e.Error));
        Assert.Empty(Directory.Exists(store.TempDir) ? Directory.GetFiles(store.TempDir) : []);
    }

    [Fact]
    public void A_full_disk_is_told_apart_from_a_folder_the_peer_cannot_write()
    {
        var full = Assert.ThrowsAny<IOException>(() => File.WriteAllBytes("/dev/full", new byte[4096])); // ENOSPC on every write
        var noSpace = StorageFailure.From(full, "its data folder", midway: true);
        var denied = StorageFailure.From(new UnauthorizedAccessException("Access to the path '/srv/shared/x' is denied."), "its shared folder", midway: false);

        Assert.True(StorageFailure.Is(full));
        Assert.Equal(TransferError.StorageFull, noSpace.Error);
        Assert.False(noSpace.IsRejection);
        Assert.Equal(Grpc.Core.StatusCode.ResourceExhausted, TransferStatus.ToStatusCode(noSpace.Error));
        Assert.Equal(507, TransferProblems.StatusOf(noSpace.Error));
        Assert.Equal(TransferError.StorageUnwritable, denied.Error);
        Assert.True(denied.IsRejection);
        Assert.Equal("this peer cannot write to its shared folder (permission denied)", denied.Message);
        Assert.False(StorageFailure.Is(new OperationCanceledException()));
    }

    /// <summary>
    /// Every upload's write check creates and deletes a hidden file in the shared folder while other uploads sum the
    /// folder for the quota: a file that vanishes between the listing and its length takes no room (it was an error that
    /// failed the other upload, seen in CI).
    /// </summary>
    [Fact]
    public async Task The_quota_sums_a_folder_whose_files_come_and_go_without_failing()
    {
        _folder.Write("shared/existing.bin", new byte[600]);
        var quota = new UploadQuota(Microsoft.Extensions.Options.Options.Create(new PeerOptions { SharedDir = _folder.PathOf("shared"), MaxSharedBytes = 1 << 20 }));
        using var stop = new CancellationTokenSource();
        var churn = Task.Run(() =>
        {
            var passing = Path.Combine(_folder.PathOf("shared"), ".upload-probe.part");
            while (!stop.IsCancellationRequested)
            {
                File.WriteAllBytes(passing, [1, 2, 3]);
                File.Delete(passing);
            }
        });
        try
        {
            for (var i = 0; i < 100_000; i++)
                Assert.InRange(quota.Used(), 600, 603);
        }
        finally
        {
            await stop.CancelAsync();
            await churn;
        }
    }

    private UploadStore Store(bool accept, long quota)
    {
        Directory.CreateDirectory(_folder.PathOf("shared"));
        var options = Microsoft.Extensions.Options.Options.Create(new PeerOptions
        {
            SharedDir = _folder.PathOf("shared"),
            DataDir = _folder.PathOf("data"),
            AcceptUploads = accept,
            MaxSharedBytes = quota,
        });
        // Refusals happen before the index is touched, and no upload here clashes: no grain is ever asked.
        return new UploadStore(options, new FileIndexer(null!, options, NullLogger<FileIndexer>.Instance),
            new UploadQuota(options), new UploadClashCheck(null!, options), new UploadSlots(new P2PMetrics(_services.GetRequiredService<IMeterFactory>())));
    }

    private void AssertNothingWritten(UploadStore store)
    {
        Assert.False(File.Exists(_folder.PathOf("shared/a.bin")));
        Assert.Empty(Directory.Exists(store.TempDir) ? Directory.GetFiles(store.TempDir) : []);
        Assert.DoesNotContain(Directory.GetFiles(_folder.PathOf("shared")), f => f.EndsWith(".part", StringComparison.Ordinal));
    }
}
