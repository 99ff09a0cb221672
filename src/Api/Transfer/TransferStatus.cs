using Grpc.Core;

namespace OrleansP2P.Api.Transfer;

/// <summary>The gRPC edge of a transfer: <see cref="TransferException"/>s become statuses (ARCHITECTURE.md, "Transfer").</summary>
public static class TransferStatus
{
    /// <summary>Awaits <paramref name="transfer"/>, turning a refusal or failure into an <see cref="RpcException"/>.</summary>
    public static async Task<T> AsRpcAsync<T>(this Task<T> transfer)
    {
        try
        {
            return await transfer;
        }
        catch (TransferException e)
        {
            throw new RpcException(new Status(ToStatusCode(e.Error), e.Message));
        }
        catch (Exception e) when (Hosting.ClusterUnavailableHandler.IsUnavailable(e))
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the peer's cluster is briefly unavailable; retry shortly"));
        }
    }

    public static StatusCode ToStatusCode(TransferError error) => error switch
    {
        TransferError.InvalidArgument => StatusCode.InvalidArgument,
        TransferError.NotFound => StatusCode.NotFound,
        TransferError.AlreadyExists => StatusCode.AlreadyExists,
        TransferError.TooLarge or TransferError.QuotaExceeded or TransferError.TooManyUploads or TransferError.StorageFull => StatusCode.ResourceExhausted,
        TransferError.StorageUnwritable => StatusCode.FailedPrecondition,
        TransferError.IdleTimeout => StatusCode.DeadlineExceeded,
        TransferError.Forbidden => StatusCode.PermissionDenied,
        _ => StatusCode.DataLoss,
    };
}
