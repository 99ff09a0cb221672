namespace OrleansP2P.Cli.Contracts;

// GET /files, and the file entries inside search results (ARCHITECTURE.md, "REST contract").

public sealed record FileDto(
    string Name, long Size, long Mtime, string Checksum, string? Extension, string? Type, string? RestUrl, string? Grpc);

public sealed record FilesResponse(string Peer, string Base, IReadOnlyList<FileDto> Files);
