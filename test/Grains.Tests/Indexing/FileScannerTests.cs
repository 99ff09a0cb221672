using OrleansP2P.Contracts.Content;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Indexing;

namespace OrleansP2P.Grains.Tests.Indexing;

public sealed class FileScannerTests : IDisposable
{
    private readonly TempFolder _folder = new("p2p-scanner");
    private readonly SampleShare _share;
    private readonly FileScanner _scanner = new();

    public FileScannerTests() => _share = SampleShare.Create(_folder);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Scan_lists_only_regular_files_at_the_top_of_the_folder_in_ordinal_order()
    {
        var files = await ScanAsync();

        Assert.Equal(_share.Listed.Keys.Order(StringComparer.Ordinal), files.Select(f => f.Name));
    }

    [Fact]
    public async Task Scan_records_the_sha256_size_mtime_and_lower_case_extension_of_each_file()
    {
        var files = await ScanAsync();

        Assert.All(files, f =>
        {
            var content = _share.Listed[f.Name];
            Assert.Equal(SampleShare.Sha256Hex(content), f.Sha256);
            Assert.Equal(content.Length, f.Size);
            Assert.Equal(new DateTimeOffset(File.GetLastWriteTimeUtc(PathOf(f.Name))).ToUnixTimeSeconds(), f.MtimeUnix);
        });
        Assert.Equal(".bin", files.Single(f => f.Name == SampleShare.Binary).Extension);
    }

    [Fact]
    public async Task A_second_scan_of_unchanged_files_hashes_nothing()
    {
        var first = await ScanAsync();
        var hashedOnce = _scanner.HashedCount;

        var second = await ScanAsync();

        Assert.Equal(_share.Listed.Count, hashedOnce);
        Assert.Equal(hashedOnce, _scanner.HashedCount);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_changed_file_is_hashed_again_and_only_that_file()
    {
        await ScanAsync();
        var changed = TestData.Bytes(5000, seed: 7);
        File.WriteAllBytes(PathOf(SampleShare.Text), changed);

        var files = await ScanAsync();

        Assert.Equal(_share.Listed.Count + 1, _scanner.HashedCount);
        Assert.Equal(SampleShare.Sha256Hex(changed), files.Single(f => f.Name == SampleShare.Text).Sha256);
    }

    [Fact]
    public async Task A_file_rewritten_at_the_same_size_is_hashed_again_when_its_mtime_moves()
    {
        await ScanAsync();
        var path = PathOf(SampleShare.Binary);
        var before = File.GetLastWriteTimeUtc(path);
        var rewritten = TestData.Bytes(SampleShare.BinarySize, seed: 8);
        File.WriteAllBytes(path, rewritten);
        File.SetLastWriteTimeUtc(path, before.AddMinutes(1));

        var files = await ScanAsync();

        Assert.Equal(SampleShare.Sha256Hex(rewritten), files.Single(f => f.Name == SampleShare.Binary).Sha256);
    }

    [Fact]
    public async Task A_deleted_file_leaves_the_index()
    {
        await ScanAsync();
        File.Delete(PathOf(SampleShare.Text));

        var files = await ScanAsync();

        Assert.DoesNotContain(files, f => f.Name == SampleShare.Text);
        Assert.Equal(_share.Listed.Count - 1, files.Length);
    }

    [Fact]
    public async Task Scan_records_each_files_piece_tree_and_keeps_its_leaves_for_the_pieces_lookup()
    {
        var big = TestData.Bytes((2 * PieceTree.PieceSize) + 5, seed: 9);
        File.WriteAllBytes(PathOf("big.bin"), big);

        var files = await ScanAsync();

        var expected = await FileHashes.OfStreamAsync(new MemoryStream(big), CancellationToken.None);
        var entry = files.Single(f => f.Name == "big.bin");
        Assert.Equal(expected.Tree, entry.Tree);
        Assert.Equal(expected.Pieces, _scanner.PiecesOf(entry));
        Assert.All(files, f => Assert.Equal(PieceTree.RootHex(_scanner.PiecesOf(f)!), f.Tree));
    }

    [Fact]
    public async Task A_file_remembered_with_its_hashes_is_listed_with_them_and_never_read()
    {
        var content = TestData.Bytes(PieceTree.PieceSize + 1, seed: 10);
        var path = PathOf("written.bin");
        File.WriteAllBytes(path, content);
        await ScanAsync();
        var hashedBefore = _scanner.HashedCount;
        File.AppendAllText(path, "!"); // changed after the scan: only what Remember says can explain its new hashes
        var hashes = await FileHashes.OfStreamAsync(new MemoryStream([.. content, (byte)'!']), CancellationToken.None);

        _scanner.Remember(new FileInfo(path), hashes);
        var files = await ScanAsync();

        var entry = files.Single(f => f.Name == "written.bin");
        Assert.Equal(hashedBefore, _scanner.HashedCount);
        Assert.Equal((hashes.Sha256, hashes.Tree), (entry.Sha256, entry.Tree));
        Assert.Equal(hashes.Pieces, _scanner.PiecesOf(entry));
    }

    [Fact]
    public async Task The_leaves_of_a_file_that_changed_since_its_entry_are_not_given_out()
    {
        var old = (await ScanAsync()).Single(f => f.Name == SampleShare.Text);
        File.WriteAllBytes(PathOf(SampleShare.Text), TestData.Bytes(5000, seed: 11));
        await ScanAsync();

        Assert.Null(_scanner.PiecesOf(old));
    }

    /// <summary>A deadline, so that a scan stuck opening something (a FIFO) fails the test rather than hanging the run.</summary>
    private async Task<FileEntry[]> ScanAsync() =>
        [.. await _scanner.ScanAsync(_share.SharedDir, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30))];

    private string PathOf(string name) => Path.Join(_share.SharedDir, name);
}
