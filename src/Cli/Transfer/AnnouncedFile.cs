using OrleansP2P.Protos;

namespace OrleansP2P.Cli.Transfer;

/// <summary>What the sending peer says about a file before its bytes: the whole file's size and SHA-256 (lower-case hex).</summary>
public sealed record AnnouncedFile(long Size, string Sha256)
{
    public static AnnouncedFile From(FileHeader header) => new(header.Size, header.Sha256.Trim().ToLowerInvariant());
}
