using Microsoft.AspNetCore.StaticFiles;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Contracts;

/// <summary>A shared file on the wire (<c>/files</c>, search results).</summary>
public sealed record FileDto(
    string Name, long Size, long Mtime, string Checksum, string Extension, string Type, string RestUrl, string Grpc);

/// <summary>One peer's hits on the wire.</summary>
public sealed record PeerResultDto(string Peer, string Url, string Grpc, IReadOnlyList<FileDto> Files);

/// <summary>Grain records to wire DTOs and back: grain types never leak into JSON.</summary>
public static class FileContracts
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static string ContentTypeOf(string fileName) =>
        ContentTypes.TryGetContentType(fileName, out var type) ? type : "application/octet-stream";

    public static FileDto ToDto(this FileEntry file, string baseUrl, string grpcAddress) =>
        new(file.Name, file.Size, file.MtimeUnix, file.Sha256, file.Extension, ContentTypeOf(file.Name),
            $"{baseUrl}/files/{Uri.EscapeDataString(file.Name)}", grpcAddress);

    public static IReadOnlyList<FileDto> ToDtos(this IEnumerable<FileEntry> files, string baseUrl, string grpcAddress) =>
        [.. files.Select(f => f.ToDto(baseUrl, grpcAddress))];

    public static FileEntry ToEntry(this FileDto file) =>
        new(file.Name, file.Size, file.Mtime, file.Checksum, file.Extension);

    public static PeerResultDto ToDto(this PeerHits hits) =>
        new(hits.Peer, hits.Url, hits.Grpc, hits.Files.ToDtos(hits.Url, hits.Grpc));

    public static PeerHits ToHits(this PeerResultDto dto) =>
        new(dto.Peer, dto.Url, dto.Grpc, [.. (dto.Files ?? []).Select(ToEntry)]);
}
