namespace OrleansP2P.Contracts.Rest;

/// <summary>Body of <c>POST /downloads</c>: a magnet link (see docs/architecture.md, "Downloads run by the peer").</summary>
public sealed record DownloadPostRequest(string? Link);

/// <summary>One holder's share of a download run by the peer.</summary>
public sealed record DownloadSourceDto(string Url, long Bytes, int BadPieces);

/// <summary>
/// A download run by the peer: <c>id</c> = <c>sha256</c>; <c>state</c> = queued, active, done, failed or cancelled;
/// <c>error</c> says why a job failed (or why an active one is waiting); <c>size</c> is null until known.
/// </summary>
public sealed record DownloadDto(
    string Id, string Name, string Sha256, long? Size, long BytesVerified, string State, IReadOnlyList<DownloadSourceDto> Sources,
    double BytesPerSecond, string? Error);

/// <summary>Answer of <c>GET /downloads</c>: jobs in posting order.</summary>
public sealed record DownloadsResponse(IReadOnlyList<DownloadDto> Downloads);
