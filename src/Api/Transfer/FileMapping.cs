using Microsoft.AspNetCore.StaticFiles;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Api.Transfer;

/// <summary>Index entries to the wire's <see cref="FileDto"/> and back: grain records never leak into JSON.</summary>
public static class FileMapping
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static string ContentTypeOf(string fileName) =>
        ContentTypes.TryGetContentType(fileName, out var type) ? type : "application/octet-stream";

    public static FileDto ToDto(this FileEntry file, string baseUrl, string grpcAddress) =>
        new(file.Name, file.Size, file.MtimeUnix, file.Sha256, file.Extension, ContentTypeOf(file.Name),
            $"{baseUrl}/files/{Uri.EscapeDataString(file.Name)}", grpcAddress,
            file.Tree is null ? null : PieceTree.PieceSize, file.Tree);

    public static IReadOnlyList<FileDto> ToDtos(this IEnumerable<FileEntry> files, string baseUrl, string grpcAddress) =>
        [.. files.Select(f => f.ToDto(baseUrl, grpcAddress))];

    public static FileEntry ToEntry(this FileDto file) =>
        new(file.Name, file.Size, file.Mtime, file.Checksum, file.Extension ?? "", file.Tree);
}
