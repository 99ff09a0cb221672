using System.Text.Json;

namespace OrleansP2P.Api.Tests.Network;

/// <summary><c>GET /files</c> follows changes to the shared folder (the indexer's watcher) without a restart.</summary>
public sealed class FilesLiveIndexTests(PeerFixture peer) : IClassFixture<PeerFixture>
{
    [Fact]
    public async Task A_file_created_in_the_shared_folder_appears_in_files()
    {
        var content = TestData.Bytes(1000, seed: 1);

        var listed = await WriteAndWaitUntilListedAsync($"new-{Guid.NewGuid():N}.txt", content);

        Assert.Equal(content.Length, listed.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task A_modified_file_is_listed_with_its_new_checksum()
    {
        var name = $"changing-{Guid.NewGuid():N}.bin";
        var original = await WriteAndWaitUntilListedAsync(name, TestData.Bytes(1000, seed: 2));
        var changed = TestData.Bytes(2000, seed: 3);

        var listed = await WriteAndWaitUntilListedAsync(name, changed);

        Assert.NotEqual(original.GetProperty("checksum").GetString(), listed.GetProperty("checksum").GetString());
        Assert.Equal(changed.Length, listed.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task A_deleted_file_disappears_from_files()
    {
        var name = $"doomed-{Guid.NewGuid():N}.txt";
        await WriteAndWaitUntilListedAsync(name, "soon gone"u8.ToArray());

        File.Delete(Path.Join(peer.Share.SharedDir, name));

        var listed = await Poll.UntilAsync(() => peer.FindListedFileAsync(name), f => f is null, $"{name} gone from /files");
        Assert.Null(listed);
    }

    /// <summary>Writes (or overwrites) a shared file and polls <c>/files</c> until it is listed with this content's checksum.</summary>
    private async Task<JsonElement> WriteAndWaitUntilListedAsync(string name, byte[] content)
    {
        File.WriteAllBytes(Path.Join(peer.Share.SharedDir, name), content);
        var sha256 = SampleShare.Sha256Hex(content);
        var listed = await Poll.UntilAsync(
            () => peer.FindListedFileAsync(name),
            f => f?.GetProperty("checksum").GetString() == sha256,
            $"{name} listed with checksum {sha256}");
        return listed!.Value;
    }
}
