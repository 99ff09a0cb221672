using System.Text.RegularExpressions;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// An I/O failure of the peer's own disk while it stores an upload, told to the client as what it is (a full disk, or
/// a folder it cannot write) instead of an internal error; the upload's part file is removed as for any failure.
/// </summary>
public static partial class StorageFailure
{
    // errno values in IOException.HResult on Linux (.NET passes the raw errno through): ENOSPC, EDQUOT.
    private const int NoSpace = 28, QuotaExceeded = 122;

    /// <summary>Whether <paramref name="e"/> is a failure of the disk or of permissions (and not, say, a cancellation).</summary>
    public static bool Is(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>The client's view of <paramref name="e"/>; <paramref name="midway"/>: bytes had been accepted.</summary>
    public static TransferException From(Exception e, string where, bool midway) =>
        e is IOException { HResult: NoSpace or QuotaExceeded }
            ? new TransferException(TransferError.StorageFull, $"this peer's disk is full: it cannot store the upload in {where}", midway)
            : new TransferException(TransferError.StorageUnwritable, $"this peer cannot write to {where} ({Reason(e)})", midway);

    // The system's words without the paths they quote (a client need not learn the peer's folders).
    private static string Reason(Exception e) => e is UnauthorizedAccessException
        ? "permission denied"
        : QuotedPath().Replace(e.Message, "").TrimEnd('.', ' ');

    [GeneratedRegex(@"\s*:?\s*'[^']*'")]
    private static partial Regex QuotedPath();
}
