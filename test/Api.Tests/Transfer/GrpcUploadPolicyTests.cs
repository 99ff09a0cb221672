using Google.Protobuf;
using Grpc.Core;
using OrleansP2P.Api.Tests.Infrastructure;
using OrleansP2P.Protos;

namespace OrleansP2P.Api.Tests.Transfer;

/// <summary>gRPC <c>Upload</c> against the upload policy: refused before a byte is written.</summary>
public sealed class GrpcUploadPolicyTests(NoUploadsPeerFixture closed, QuotaPeerFixture capped)
    : IClassFixture<NoUploadsPeerFixture>, IClassFixture<QuotaPeerFixture>
{
    [Fact]
    public async Task A_peer_that_does_not_accept_uploads_answers_permission_denied_and_writes_nothing()
    {
        var before = ShareSnapshot.Of(closed);

        var status = await UploadStatusAsync(closed, "refused.bin", new byte[1000]);

        Assert.Equal(StatusCode.PermissionDenied, status.StatusCode);
        Assert.Contains("accept_uploads", status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, ShareSnapshot.Of(closed));
    }

    [Fact]
    public async Task An_upload_beyond_max_shared_bytes_is_resource_exhausted_and_writes_nothing()
    {
        var before = ShareSnapshot.Of(capped);

        var status = await UploadStatusAsync(capped, "too-much.bin", new byte[QuotaPeerFixture.Quota]);

        Assert.Equal(StatusCode.ResourceExhausted, status.StatusCode);
        Assert.Contains("quota", status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, ShareSnapshot.Of(capped));
    }

    private static async Task<Status> UploadStatusAsync(PeerFixture peer, string name, byte[] content)
    {
        using var channel = peer.CreateGrpcChannel();
        using var call = new FileTransfer.FileTransferClient(channel).Upload();
        try
        {
            await call.RequestStream.WriteAsync(new UploadChunk
            {
                Info = new FileHeader { Name = name, Size = content.Length, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)) },
            });
            await call.RequestStream.WriteAsync(new UploadChunk { Data = ByteString.CopyFrom(content) });
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The peer ended the call early; its status comes with the response below.
        }
        return (await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync)).Status;
    }
}
