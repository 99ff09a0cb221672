using System.Text.Json;
using OrleansP2P.Api.Tests.Infrastructure;
using OrleansP2P.Testing;

namespace OrleansP2P.Api.Tests.Apis;

/// <summary><c>GET /files</c> follows changes to the shared folder (the indexer's watcher) without a restart.</summary>
public sealed class FilesLiveIndexTests(PeerFixture peer) : IClassFixture<PeerFixture>
{
    [Fact]
    public async Task A_file_created_in_the_shared_folder_appears_in_files()
    {
        var name = $"new-{Guid.NewGuid():N}.txt";
        var content = TestData.Bytes(1000, seed: 1);

        File.WriteAllBytes(Path.Join(peer.Share.SharedDir, name), content);

        var listed = await WaitUntilListedAsync(name, SampleShare.Sha256Hex(content));
        Assert.Equal(content.Length, listed.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task A_modified_file_is_listed_with_its_new_checksum()
    {
        var name = $"changing-{Guid.NewGuid():N}.bin";
        var path = Path.Join(peer.Share.SharedDir, name);
        File.WriteAllBytes(path, TestData.Bytes(1000, seed: 2));
        await WaitUntilListedAsync(name, SampleShare.Sha256Hex(TestData.Bytes(1000, seed: 2)));
        var changed = TestData.Bytes(2000, seed: 3);

        File.WriteAllBytes(path, changed);

        var listed = await WaitUntilListedAsync(name, SampleShare.Sha256Hex(changed));
        Assert.Equal(changed.Length, listed.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task A_deleted_file_disappears_from_files()
    {
        var name = $"doomed-{Guid.NewGuid():N}.txt";
        var path = Path.Join(peer.Share.SharedDir, name);
        File.WriteAllText(path, "soon gone");
        await WaitUntilListedAsync(name, SampleShare.Sha256Hex("soon gone"u8.ToArray()));

        File.Delete(path);

        var listed = await Eventually.UntilAsync(() => peer.FindListedFileAsync(name), f => f is null, $"{name} gone from /files");
        Assert.Null(listed);
    }

    private async Task<JsonElement> WaitUntilListedAsync(string name, string sha256)
    {
        var listed = await Eventually.UntilAsync(
            () => peer.FindListedFileAsync(name),
            f => f?.GetProperty("checksum").GetString() == sha256,
            $"{name} listed with checksum {sha256}");
        return listed!.Value;
    }
}
