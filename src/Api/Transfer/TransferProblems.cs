using Microsoft.AspNetCore.Http.HttpResults;

namespace OrleansP2P.Api.Transfer;

/// <summary>The REST edge of a transfer: the one place a <see cref="TransferError"/> becomes an HTTP status.</summary>
public static class TransferProblems
{
    public static int StatusOf(TransferError error) => error switch
    {
        TransferError.NotFound => StatusCodes.Status404NotFound,
        TransferError.AlreadyExists => StatusCodes.Status409Conflict,
        TransferError.TooLarge or TransferError.QuotaExceeded => StatusCodes.Status413PayloadTooLarge,
        TransferError.Forbidden => StatusCodes.Status403Forbidden,
        TransferError.TooManyUploads => StatusCodes.Status429TooManyRequests,
        TransferError.IdleTimeout => StatusCodes.Status408RequestTimeout,
        TransferError.StorageFull or TransferError.StorageUnwritable => StatusCodes.Status507InsufficientStorage,
        _ => StatusCodes.Status400BadRequest, // unsafe name, bad header, size or SHA-256 mismatch, a cut body
    };

    public static ProblemHttpResult ToProblem(TransferException e)
    {
        var status = StatusOf(e.Error);
        var title = status switch
        {
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status409Conflict => "Conflict",
            StatusCodes.Status413PayloadTooLarge => "Payload too large",
            StatusCodes.Status429TooManyRequests => "Too many requests",
            StatusCodes.Status408RequestTimeout => "Request timeout",
            StatusCodes.Status403Forbidden => "Forbidden",
            StatusCodes.Status507InsufficientStorage => "Insufficient storage",
            _ => "Bad request",
        };
        return TypedResults.Problem(e.Message, statusCode: status, title: title);
    }
}
