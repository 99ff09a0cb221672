using Microsoft.AspNetCore.StaticFiles;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Contracts;

/// <summary>Grain records to wire DTOs: grain types never leak into JSON.</summary>
public static class ContractMapping
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static string ContentTypeOf(string fileName) =>
        ContentTypes.TryGetContentType(fileName, out var type) ? type : "application/octet-stream";

    public static FileDto ToDto(this FileEntry file, string baseUrl, string grpcAddress) =>
        new(file.Name, file.Size, file.MtimeUnix, file.Sha256, file.Extension, ContentTypeOf(file.Name),
            $"{baseUrl}/files/{Uri.EscapeDataString(file.Name)}", grpcAddress);

    public static IReadOnlyList<FileDto> ToDtos(this IEnumerable<FileEntry> files, PeerOptions options)
    {
        var baseUrl = options.SelfUrl.TrimEnd('/');
        var grpc = options.GrpcAddress;
        return [.. files.Select(f => f.ToDto(baseUrl, grpc))];
    }

    public static PeerDto ToDto(this NeighbourInfo n) => new(n.Url, n.Name, n.Healthy, n.LastSeenUnix, n.Failures);
}
