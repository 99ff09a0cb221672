using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Cli.Transfer;

/// <summary>Where <c>p2p get</c> fetches one file from: the chosen peer's gRPC address and what search said about the file.</summary>
public sealed record Holder(string Name, long Size, string Checksum, string Peer, GrpcTarget Source)
{
    /// <summary>
    /// One holder per distinct file name, in the order search listed them: the first peer with a usable gRPC address
    /// wins (search lists the origin's own hits first, so a local copy is preferred to a remote one).
    /// </summary>
    public static IReadOnlyList<Holder> Choose(SearchResponseDto answer)
    {
        var chosen = new Dictionary<string, Holder>(StringComparer.Ordinal);
        foreach (var hit in answer.Results)
        {
            foreach (var file in hit.Files)
            {
                if (chosen.ContainsKey(file.Name) || GrpcTarget.TryParse(file.Grpc ?? hit.Grpc ?? "", out _) is not { } source)
                    continue;
                chosen[file.Name] = new Holder(file.Name, file.Size, file.Checksum, hit.Peer, source);
            }
        }
        return [.. chosen.Values];
    }
}
