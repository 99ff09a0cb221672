using System.Globalization;
using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OrleansP2P.Protos;

namespace OrleansP2P.Api.Tests.Transfer;

/// <summary>DummyDownload / DummyUpload through the in-memory server.</summary>
public sealed class FileTransferServiceTests : IClassFixture<PeerFixture>, IDisposable
{
    private const int ChunkSize = 64 * 1024;

    private readonly PeerFixture _peer;
    private readonly GrpcChannel _channel;
    private readonly FileTransfer.FileTransferClient _client;

    public FileTransferServiceTests(PeerFixture peer)
    {
        _peer = peer;
        _channel = peer.CreateGrpcChannel();
        _client = new FileTransfer.FileTransferClient(_channel);
    }

    public void Dispose() => _channel.Dispose();

    [Theory]
    [InlineData(SampleShare.Text)]
    [InlineData(SampleShare.Binary)]
    [InlineData(SampleShare.Empty)]
    [InlineData(SampleShare.SpacedName)]
    public async Task DummyDownload_streams_the_exact_bytes_of_a_shared_file(string name)
    {
        var expected = _peer.Share.Listed[name];

        var (_, chunks) = await DownloadAsync(name);

        var received = chunks.SelectMany(c => c.Data.ToByteArray()).ToArray();
        Assert.Equal(expected, received);
        Assert.Equal(SHA256.HashData(expected), SHA256.HashData(received));
    }

    [Fact]
    public async Task DummyDownload_sends_chunks_of_at_most_64_KiB_numbered_in_order()
    {
        var (_, chunks) = await DownloadAsync(SampleShare.Binary);

        Assert.True(chunks.Count > 1, "a file over 64 KiB must come in several chunks");
        Assert.All(chunks, c => Assert.InRange(c.Data.Length, 1, ChunkSize));
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Seq));
    }

    [Fact]
    public async Task DummyDownload_announces_the_size_and_sha256_in_response_headers()
    {
        var expected = _peer.Share.Listed[SampleShare.Binary];

        var (headers, _) = await DownloadAsync(SampleShare.Binary);

        Assert.Equal(expected.Length.ToString(CultureInfo.InvariantCulture), headers.GetValue("x-file-size"));
        Assert.Equal(SampleShare.Sha256Hex(expected), headers.GetValue("x-file-sha256"));
    }

    [Fact]
    public async Task DummyDownload_of_an_unknown_name_is_NOT_FOUND()
    {
        var received = new List<FileChunk>();

        var error = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync("no-such-file.txt", received));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Empty(received);
    }

    public static TheoryData<string> UnservableNames => new()
    {
        "",
        "../../etc/passwd",
        "/etc/passwd",
        "..\\x",
        "./hello.txt",
        "hello.txt/",
        "HELLO.TXT",
        "shared/hello.txt",
        new string('a', 300),
        SampleShare.Dotfile,
        SampleShare.PartFile,
        SampleShare.Subfolder,
        SampleShare.SubfolderFile,
        SampleShare.Symlink,
        SampleShare.Fifo,
        "../outside/secret.txt",
    };

    [Theory]
    [MemberData(nameof(UnservableNames))]
    public async Task DummyDownload_never_serves_a_name_the_index_does_not_hold(string name)
    {
        var received = new List<FileChunk>();

        var error = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(name, received));

        Assert.Contains(error.StatusCode, new[] { StatusCode.NotFound, StatusCode.InvalidArgument });
        Assert.Empty(received);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 10)]
    [InlineData(5, ChunkSize)]
    public async Task DummyUpload_counts_the_bytes_and_chunks_it_received(int chunks, int chunkSize)
    {
        using var call = _client.DummyUpload();
        for (var seq = 0; seq < chunks; seq++)
            await call.RequestStream.WriteAsync(new FileChunk { Data = ByteString.CopyFrom(TestData.Bytes(chunkSize, seq)), Seq = seq });
        await call.RequestStream.CompleteAsync();

        var status = await call;

        Assert.Equal((long)chunks * chunkSize, status.ReceivedBytes);
        Assert.Equal(chunks, status.Chunks);
    }

    private async Task<(Metadata Headers, List<FileChunk> Chunks)> DownloadAsync(string name)
    {
        using var call = _client.DummyDownload(new FileRequest { Filename = name });
        var headers = await call.ResponseHeadersAsync;
        var chunks = new List<FileChunk>();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
            chunks.Add(chunk);
        return (headers, chunks);
    }

    /// <summary>Reads the whole download into <paramref name="received"/>, so a test can see what arrived before an error.</summary>
    private async Task ReadAllAsync(string name, List<FileChunk> received)
    {
        using var call = _client.DummyDownload(new FileRequest { Filename = name });
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
            received.Add(chunk);
    }
}
