using System.Globalization;
using Grpc.Core;

namespace OrleansP2P.Cli.Transfer;

/// <summary>What the sending peer says about a file before its bytes: size and SHA-256, when it says anything.</summary>
public sealed record AnnouncedFile(long? Size, string? Sha256)
{
    public const string SizeHeader = "x-file-size";
    public const string Sha256Header = "x-file-sha256";

    public static AnnouncedFile FromHeaders(Metadata headers)
    {
        var size = long.TryParse(headers.GetValue(SizeHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : (long?)null;
        var sha = headers.GetValue(Sha256Header)?.Trim().ToLowerInvariant();
        return new AnnouncedFile(size, string.IsNullOrEmpty(sha) ? null : sha);
    }
}
