using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using OrleansP2P.Protos;
using OrleansP2P.Contracts.Content;

namespace OrleansP2P.Api.Tests.Transfer;

/// <summary>
/// Content addressing on one peer: <c>GET /pieces/{sha256}</c>, <c>GET /content/{sha256}</c> and search by
/// <c>urn:sha256:</c>, for files found by the scan and for one this peer wrote itself (an upload).
/// </summary>
public sealed class ContentApiTests(PeerFixture peer) : IClassFixture<PeerFixture>
{
    private const string Uploaded = "uploaded-big.bin";

    /// <summary>Two and a half pieces, uploaded over HTTP: its leaves are computed while it is written.</summary>
    private static readonly byte[] Big = TestData.Bytes((2 * PieceTree.PieceSize) + (PieceTree.PieceSize / 2), seed: 21);

    private static readonly string BigSha256 = SampleShare.Sha256Hex(Big);

    [Fact]
    public async Task Pieces_of_a_scanned_file_are_its_leaves_in_order_under_the_tree_that_files_lists()
    {
        var content = peer.Share.Listed[SampleShare.Binary];
        var expected = await FileHashes.OfStreamAsync(new MemoryStream(content), CancellationToken.None);

        var pieces = await peer.GetJsonAsync($"/pieces/{expected.Sha256.ToUpperInvariant()}");

        JsonAssert.HasExactly(pieces, "sha256", "size", "piece_size", "tree", "pieces");
        Assert.Equal(expected.Sha256, pieces.GetProperty("sha256").GetString());
        Assert.Equal(content.Length, pieces.GetProperty("size").GetInt64());
        Assert.Equal(PieceTree.PieceSize, pieces.GetProperty("piece_size").GetInt32());
        Assert.Equal(expected.Tree, pieces.GetProperty("tree").GetString());
        Assert.Equal(expected.Pieces, JsonAssert.Strings(pieces.GetProperty("pieces")));
        var listed = await peer.FindListedFileAsync(SampleShare.Binary);
        Assert.Equal(expected.Tree, listed?.GetProperty("tree").GetString());
    }

    [Fact]
    public async Task An_uploaded_file_has_its_pieces_from_the_upload_and_a_range_across_pieces_is_served_exactly()
    {
        await UploadBigAsync();
        var expected = await FileHashes.OfStreamAsync(new MemoryStream(Big), CancellationToken.None);

        var pieces = await peer.GetJsonAsync($"/pieces/{BigSha256}");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/content/{BigSha256}", UriKind.Relative));
        request.Headers.Range = new RangeHeaderValue(1000, (2L * PieceTree.PieceSize) + 999);
        using var response = await peer.Client.SendAsync(request);

        Assert.Equal(expected.Pieces, JsonAssert.Strings(pieces.GetProperty("pieces")));
        Assert.Equal(expected.Tree, pieces.GetProperty("tree").GetString());
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(Big[1000..((2 * PieceTree.PieceSize) + 1000)], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(new ContentRangeHeaderValue(1000, (2L * PieceTree.PieceSize) + 999, Big.Length), response.Content.Headers.ContentRange);
    }

    [Fact]
    public async Task A_file_uploaded_over_grpc_has_its_pieces_from_the_upload()
    {
        var content = TestData.Bytes(PieceTree.PieceSize + 4321, seed: 22);
        var expected = await FileHashes.OfStreamAsync(new MemoryStream(content), CancellationToken.None);
        using var channel = peer.CreateGrpcChannel();
        using (var call = new FileTransfer.FileTransferClient(channel).Upload())
        {
            await call.RequestStream.WriteAsync(new UploadChunk { Info = new FileHeader { Name = "grpc-upload.bin", Size = content.Length, Sha256 = expected.Sha256 } });
            foreach (var chunk in content.Chunk(64 * 1024))
                await call.RequestStream.WriteAsync(new UploadChunk { Data = ByteString.CopyFrom(chunk) });
            await call.RequestStream.CompleteAsync();
            Assert.Equal(content.Length, (await call).ReceivedBytes);
        }

        var pieces = await peer.GetJsonAsync($"/pieces/{expected.Sha256}");

        Assert.Equal(expected.Pieces, JsonAssert.Strings(pieces.GetProperty("pieces")));
        Assert.Equal(expected.Tree, pieces.GetProperty("tree").GetString());
    }

    [Fact]
    public async Task Content_is_the_whole_file_with_its_sha256_as_etag_and_shows_on_the_transfers_board()
    {
        var content = peer.Share.Listed[SampleShare.Binary];
        var sha256 = SampleShare.Sha256Hex(content);

        using var response = await peer.Client.GetAsync(new Uri($"/content/{sha256}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{sha256}\"", response.Headers.ETag?.Tag);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        await Poll.UntilAsync(() => peer.GetJsonAsync("/transfers"), transfers => transfers.GetProperty("transfers").EnumerateArray().Any(t =>
            t.GetProperty("name").GetString() == SampleShare.Binary && t.GetProperty("outcome").GetString() == "ok"
            && t.GetProperty("bytes").GetInt64() == content.Length && t.GetProperty("transport").GetString() == "http"),
            "the /content download on the board, ok, with all its bytes");
    }

    [Fact]
    public async Task Head_of_content_answers_the_length_and_etag_without_a_body()
    {
        var content = peer.Share.Listed[SampleShare.Binary];
        var sha256 = SampleShare.Sha256Hex(content);

        using var response = await peer.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri($"/content/{sha256}", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content.Length, response.Content.Headers.ContentLength);
        Assert.Equal($"\"{sha256}\"", response.Headers.ETag?.Tag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/pieces/")]
    [InlineData("/content/")]
    public async Task A_hash_no_shared_file_has_is_a_404_problem(string path)
    {
        using var response = await peer.Client.GetAsync(new Uri(path + new string('7', 64), UriKind.Relative));

        await ProblemAssert.IsDetailedProblemAsync(response, 404);
    }

    [Theory]
    [InlineData("/pieces/abc")]
    [InlineData("/content/abc")]
    [InlineData("/pieces/gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg")]
    [InlineData("/content/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    public async Task A_malformed_hash_is_a_400_problem(string path)
    {
        using var response = await peer.Client.GetAsync(new Uri(path, UriKind.Relative));

        await ProblemAssert.IsDetailedProblemAsync(response, 400);
    }

    [Fact]
    public async Task A_urn_sha256_search_finds_exactly_the_files_with_that_checksum()
    {
        var sha256 = SampleShare.Sha256Hex(peer.Share.Listed[SampleShare.Binary]);

        var search = await peer.GetJsonAsync($"/search?query=urn:sha256:{sha256.ToUpperInvariant()}&ttl=0&cache=false");

        var hit = Assert.Single(search.GetProperty("results").EnumerateArray());
        var file = Assert.Single(hit.GetProperty("files").EnumerateArray());
        Assert.Equal(SampleShare.Binary, file.GetProperty("name").GetString());
        Assert.Equal(sha256, file.GetProperty("checksum").GetString());
        Assert.Equal(PieceTree.PieceSize, file.GetProperty("piece_size").GetInt32());
    }

    private async Task UploadBigAsync()
    {
        if (await peer.FindListedFileAsync(Uploaded) is not null)
            return;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/files/{Uploaded}", UriKind.Relative)) { Content = new ByteArrayContent(Big) };
        request.Headers.Add("X-Content-SHA256", BigSha256);
        using var response = await peer.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
