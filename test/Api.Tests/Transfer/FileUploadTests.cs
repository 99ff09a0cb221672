using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansP2P.Api.Tests.Transfer;

/// <summary><c>POST /files/{name}</c>: a streamed upload under the gRPC upload's rules.</summary>
public sealed class FileUploadTests(UploadPeerFixture peer) : IClassFixture<UploadPeerFixture>
{
    [Fact]
    public async Task An_upload_is_201_with_name_size_and_sha256_and_the_file_is_listed_and_served()
    {
        var content = TestData.Bytes(150_000, seed: 7);
        var sha = SampleShare.Sha256Hex(content);

        using var response = await peer.UploadAsync("uploaded%20one.bin", new ByteArrayContent(content), sha);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("uploaded one.bin", body.GetProperty("name").GetString());
        Assert.Equal(content.Length, body.GetProperty("size").GetInt64());
        Assert.Equal(sha, body.GetProperty("sha256").GetString());
        Assert.Equal("/files/uploaded%20one.bin", response.Headers.Location?.OriginalString);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(peer.Share.SharedDir, "uploaded one.bin")));
        var listed = await peer.FindListedFileAsync("uploaded one.bin");
        Assert.Equal(sha, listed?.GetProperty("checksum").GetString());
        Assert.Equal(content, await peer.Client.GetByteArrayAsync(new Uri("/files/uploaded%20one.bin", UriKind.Relative)));
    }

    [Fact]
    public async Task An_upload_without_length_or_hash_is_stored_with_the_hash_computed_on_the_way()
    {
        var content = TestData.Bytes(70_000, seed: 8);

        using var response = await peer.UploadAsync("chunked.bin", new UnknownLengthContent(content));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(SampleShare.Sha256Hex(content), body.GetProperty("sha256").GetString());
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(peer.Share.SharedDir, "chunked.bin")));
    }

    [Fact]
    public async Task A_wrong_sha256_is_400_and_leaves_neither_the_file_nor_a_part_file()
    {
        var before = peer.StoredEntries();

        using var response = await peer.UploadAsync("bad-hash.bin", new ByteArrayContent(TestData.Bytes(90_000, seed: 9)), new string('a', 64));

        var detail = await ProblemAssert.IsDetailedProblemAsync(response, 400);
        Assert.Contains("SHA-256", detail, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(peer.Share.SharedDir, "bad-hash.bin")));
        Assert.Equal(before, peer.StoredEntries());
    }

    [Theory]
    [InlineData("/files/..%2Fx")]
    [InlineData("/files/%2Fetc%2Fpasswd")]
    [InlineData("/files/a%2Fb")]
    [InlineData("/files/..%5Cx")]
    [InlineData("/files/CON")]
    [InlineData("/files/%00")]
    [InlineData("/files/x%00.txt?overwrite=true")]
    [InlineData("/files/.hidden2")]
    [InlineData("/files/y.part")]
    public async Task An_unsafe_name_is_a_400_problem_and_nothing_is_written(string rawTarget)
    {
        var before = peer.StoredEntries();

        var (status, contentType, body) = await peer.UploadRawAsync(rawTarget, "payload"u8.ToArray());

        Assert.True(status == 400, $"expected 400, got {status}: {body}");
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
        Assert.Contains("name", body, StringComparison.Ordinal);
        Assert.Equal(before, peer.StoredEntries());
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(peer.Share.SharedDir)!, "x")));
    }

    [Fact]
    public async Task A_name_over_255_bytes_of_utf8_is_400_up_front_and_nothing_is_written()
    {
        var before = peer.StoredEntries();
        var name = new string('é', 200); // 200 characters, 400 bytes: more than a file system takes

        using var response = await peer.UploadAsync(Uri.EscapeDataString(name), new ByteArrayContent("payload"u8.ToArray()));

        var detail = await ProblemAssert.IsDetailedProblemAsync(response, 400);
        Assert.Contains("255 bytes", detail, StringComparison.Ordinal);
        Assert.Equal(before, peer.StoredEntries());
    }

    [Theory]
    [InlineData("..%2Fx")]
    [InlineData("a%2Fb")]
    [InlineData("%2Fetc%2Fpasswd")]
    public async Task An_encoded_slash_is_refused_also_when_the_server_gives_no_raw_target(string rawName)
    {
        var before = peer.StoredEntries();

        using var response = await peer.UploadAsync(rawName, new ByteArrayContent("payload"u8.ToArray()));

        await ProblemAssert.IsDetailedProblemAsync(response, 400);
        Assert.Equal(before, peer.StoredEntries());
    }

    [Fact]
    public async Task A_different_file_of_that_name_is_409_unless_overwrite_and_the_same_bytes_again_are_fine()
    {
        var original = peer.Share.Listed[SampleShare.Text];
        var replacement = "replaced text\n"u8.ToArray();

        using var clash = await peer.UploadAsync(SampleShare.Text, new ByteArrayContent(replacement), SampleShare.Sha256Hex(replacement));
        using var clashUnhashed = await peer.UploadAsync(SampleShare.Text, new ByteArrayContent(replacement));
        var afterClash = await File.ReadAllBytesAsync(Path.Combine(peer.Share.SharedDir, SampleShare.Text));
        using var same = await peer.UploadAsync(SampleShare.Text, new ByteArrayContent(original), SampleShare.Sha256Hex(original));

        await ProblemAssert.IsDetailedProblemAsync(clash, 409);
        await ProblemAssert.IsDetailedProblemAsync(clashUnhashed, 409);
        Assert.Equal(original, afterClash);
        Assert.Equal(HttpStatusCode.Created, same.StatusCode);
    }

    [Fact]
    public async Task A_clash_is_decided_from_the_index_without_reading_the_existing_file()
    {
        var replacement = TestData.Bytes(1000, seed: 11);
        // While this handle is open, any reader of the file (a hash of it) fails: only the index can answer.
        await using (new FileStream(Path.Combine(peer.Share.SharedDir, SampleShare.Binary), FileMode.Open, FileAccess.Read, FileShare.None))
        {
            using var clash = await peer.UploadAsync(SampleShare.Binary, new ByteArrayContent(replacement), SampleShare.Sha256Hex(replacement));

            await ProblemAssert.IsDetailedProblemAsync(clash, 409);
        }
        Assert.Equal(peer.Share.Listed[SampleShare.Binary], await File.ReadAllBytesAsync(Path.Combine(peer.Share.SharedDir, SampleShare.Binary)));
    }

    [Fact]
    public async Task Overwrite_true_replaces_a_different_file()
    {
        var first = "first version\n"u8.ToArray();
        var second = "second version\n"u8.ToArray();
        using (var created = await peer.UploadAsync("versions.txt", new ByteArrayContent(first)))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var replaced = await peer.UploadAsync("versions.txt", new ByteArrayContent(second), query: "?overwrite=true");

        Assert.Equal(HttpStatusCode.Created, replaced.StatusCode);
        Assert.Equal(second, await File.ReadAllBytesAsync(Path.Combine(peer.Share.SharedDir, "versions.txt")));
    }

    [Fact]
    public async Task Over_the_size_cap_is_413_whether_the_length_is_announced_or_not_and_nothing_is_kept()
    {
        var content = TestData.Bytes((int)UploadPeerFixture.MaxUploadBytes + 1, seed: 10);
        var before = peer.StoredEntries();

        using var announced = await peer.UploadAsync("too-big.bin", new ByteArrayContent(content));
        using var streamed = await peer.UploadAsync("too-big-chunked.bin", new UnknownLengthContent(content));

        await ProblemAssert.IsDetailedProblemAsync(announced, 413);
        await ProblemAssert.IsDetailedProblemAsync(streamed, 413);
        Assert.Equal(before, peer.StoredEntries());
    }
}
