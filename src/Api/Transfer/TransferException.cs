namespace OrleansP2P.Api.Transfer;

/// <summary>Why a transfer was refused or failed; the gRPC edge maps each to its status code (ARCHITECTURE.md, "Transfer").</summary>
public enum TransferError
{
    /// <summary>Unsafe name, bad header, offset out of range, data before info: <c>INVALID_ARGUMENT</c>.</summary>
    InvalidArgument,

    /// <summary>Unknown name: <c>NOT_FOUND</c>.</summary>
    NotFound,

    /// <summary>A different file of that name is shared: <c>ALREADY_EXISTS</c>.</summary>
    AlreadyExists,

    /// <summary>Over <c>max_upload_bytes</c>: <c>RESOURCE_EXHAUSTED</c>.</summary>
    TooLarge,

    /// <summary>This peer does not accept uploads (<c>accept_uploads</c> is false): <c>PERMISSION_DENIED</c>, REST 403.</summary>
    Forbidden,

    /// <summary>The file would take <c>shared_dir</c> over <c>max_shared_bytes</c>: <c>RESOURCE_EXHAUSTED</c>, REST 413.</summary>
    QuotaExceeded,

    /// <summary>Size or SHA-256 mismatch, or the stream ended early: <c>DATA_LOSS</c>.</summary>
    DataLoss,

    /// <summary>The client already has as many uploads in flight as one address may: <c>RESOURCE_EXHAUSTED</c>, REST 429.</summary>
    TooManyUploads,

    /// <summary>Nothing arrived for <c>upload_idle_timeout_s</c>: <c>DEADLINE_EXCEEDED</c>, REST 408.</summary>
    IdleTimeout,

    /// <summary>The peer's disk is full (or over a disk quota) while it stores an upload: <c>RESOURCE_EXHAUSTED</c>, REST 507.</summary>
    StorageFull,

    /// <summary>The peer cannot write where an upload goes (a read-only <c>shared_dir</c>, no permission, a failed write): <c>FAILED_PRECONDITION</c>, REST 507.</summary>
    StorageUnwritable,
}

/// <summary>A transfer that cannot go on; <see cref="IsRejection"/> tells a refusal up front from a failure midway.</summary>
/// <param name="midway">Whether data had been accepted when it failed; by default, only for the errors that can only happen midway.</param>
public sealed class TransferException(TransferError error, string message, bool? midway = null) : Exception(message)
{
    public TransferError Error { get; } = error;

    /// <summary>True when the request was refused before any data was accepted (metrics outcome <c>rejected</c>).</summary>
    public bool IsRejection { get; } = !(midway ?? error is TransferError.DataLoss or TransferError.IdleTimeout);
}
