using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OrleansP2P.Protos;

namespace OrleansP2P.Api.Tests.Transfer;

/// <summary>
/// What a client may hold on a peer without sending anything: at most four uploads in flight per address (gRPC and HTTP
/// together), each cut once it receives nothing for <c>upload_idle_timeout_s</c>, its part file deleted.
/// </summary>
public sealed class UploadLimitsTests(IdleUploadPeerFixture idle, UploadPeerFixture open)
    : IClassFixture<IdleUploadPeerFixture>, IClassFixture<UploadPeerFixture>
{
    /// <summary>Far above the idle timeout: a peer that never cuts the call fails the test instead of hanging it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_grpc_upload_that_sends_only_its_header_is_cut_with_deadline_exceeded_and_its_part_file_deleted()
    {
        using var channel = idle.CreateGrpcChannel();
        using var call = await HeaderOnlyAsync(channel, "header-only.bin", 1 << 20);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Contains("upload_idle_timeout_s", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(idle.PartFiles());
    }

    [Fact]
    public async Task An_http_upload_whose_body_stalls_is_cut_with_408_and_its_part_file_deleted()
    {
        var context = await idle.Factory.Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = "/files/stalled.bin";
            c.Request.ContentLength = 1 << 20;
            c.Request.Body = new StalledBodyStream(new byte[1000], Patience);
        });

        using var reader = new StreamReader(context.Response.Body);
        var body = await reader.ReadToEndAsync();
        Assert.True(context.Response.StatusCode == 408, $"expected 408, got {context.Response.StatusCode}: {body}");
        Assert.Contains("upload_idle_timeout_s", body, StringComparison.Ordinal);
        Assert.Empty(idle.PartFiles());
    }

    [Fact]
    public async Task A_fifth_upload_in_flight_from_one_address_is_refused_over_grpc_and_http_until_one_ends()
    {
        using var channel = open.CreateGrpcChannel();
        using var cancel = new CancellationTokenSource();
        var held = new List<AsyncClientStreamingCall<UploadChunk, UploadResult>>();
        try
        {
            for (var i = 0; i < 4; i++)
                held.Add(await HeaderOnlyAsync(channel, $"held-{i}.bin", 1000, cancel.Token));
            await Poll.UntilAsync(() => Task.FromResult(IdleUploadPeerFixture.PartFilesOf(open).Count), n => n == 4, "four uploads in flight");

            using var fifth = await HeaderOnlyAsync(channel, "fifth.bin", 1000);
            var grpc = await Assert.ThrowsAsync<RpcException>(() => fifth.ResponseAsync);
            using var http = await open.UploadAsync("fifth.bin", new ByteArrayContent(new byte[1000]));

            Assert.Equal(StatusCode.ResourceExhausted, grpc.StatusCode);
            Assert.Contains("4 uploads", grpc.Status.Detail, StringComparison.Ordinal);
            Assert.Contains("4 uploads", await ProblemAssert.IsDetailedProblemAsync(http, 429), StringComparison.Ordinal);
            Assert.True(http.Headers.RetryAfter is not null, "a 429 says when to retry");
        }
        finally
        {
            await cancel.CancelAsync();
            foreach (var call in held)
                call.Dispose();
        }
        await Poll.UntilAsync(() => Task.FromResult(IdleUploadPeerFixture.PartFilesOf(open).Count), n => n == 0, "the held uploads ending");
        using var after = await open.UploadAsync("after.bin", new ByteArrayContent(new byte[1000]));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    [Fact]
    public async Task A_grpc_chunk_over_1_MiB_is_invalid_argument_and_nothing_is_kept()
    {
        var content = TestData.Bytes((1 << 20) + 1, seed: 3);
        using var channel = idle.CreateGrpcChannel();
        using var call = new FileTransfer.FileTransferClient(channel).Upload(deadline: DateTime.UtcNow.Add(Patience));
        try
        {
            await call.RequestStream.WriteAsync(new UploadChunk
            {
                Info = new FileHeader { Name = "big-chunk.bin", Size = content.Length, Sha256 = SampleShare.Sha256Hex(content) },
            });
            await call.RequestStream.WriteAsync(new UploadChunk { Data = ByteString.CopyFrom(content) });
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The peer ended the call early; its status comes with the response below.
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("1 MiB", error.Status.Detail, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(idle.Share.SharedDir, "big-chunk.bin")));
        Assert.Empty(idle.PartFiles());
    }

    [Fact]
    public async Task The_idle_timeout_is_30_seconds_unless_configured()
    {
        var status = await open.GetJsonAsync("/status");

        Assert.Equal(30, status.GetProperty("config").GetProperty("upload_idle_timeout_s").GetInt32());
    }

    /// <summary>Starts an upload and sends its header only.</summary>
    private static async Task<AsyncClientStreamingCall<UploadChunk, UploadResult>> HeaderOnlyAsync(
        GrpcChannel channel, string name, long size, CancellationToken cancellationToken = default)
    {
        var call = new FileTransfer.FileTransferClient(channel).Upload(deadline: DateTime.UtcNow.Add(Patience), cancellationToken: cancellationToken);
        await call.RequestStream.WriteAsync(new UploadChunk { Info = new FileHeader { Name = name, Size = size, Sha256 = new string('0', 64) } }, cancellationToken);
        return call;
    }
}
