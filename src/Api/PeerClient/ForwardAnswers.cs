using System.Collections.Immutable;
using OrleansP2P.Contracts;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Api.PeerClient;

/// <summary>
/// A <c>/search/forward</c> answer checked and bounded on the way in (see <see cref="PeerAnswers"/> for the rules
/// shared with other answers). Invalid, and so a failed hop: a null anywhere the contract has a value (results, a peer
/// entry, peer, url, files, a file entry, name, checksum), a peer name that is not 1–64 plain characters, a URL that
/// is not a canonical-izable peer URL, a file name <see cref="SafeFileName"/> refuses, a checksum that is not 64 hex
/// digits, a negative size, an over-long extension or gRPC address. Dropped, the file kept: a <c>tree</c> that is not
/// 64 hex digits, or one with a <c>piece_size</c> other than <see cref="PieceTree.PieceSize"/> (the file then has no
/// tree, as from a peer older than content addressing). Bounded instead: <c>peers_reached</c> is clamped
/// to 0..<see cref="MaxPeersReached"/>, and files past <c>search_max_results</c> (in answer order) are left out
/// with <c>Truncated</c> set, since a peer configured with a larger cap answers honestly with more.
/// </summary>
public static class ForwardAnswers
{
    /// <summary>Most peers one answer may claim to have reached; a larger claim counts as this many.</summary>
    public const int MaxPeersReached = 10_000;

    public static SearchOutcome ToOutcome(ForwardResponseDto answer, int maxResults)
    {
        if (answer.Results is null)
            throw new PeerAnswerException("'results' is missing or null");
        var hits = ImmutableArray.CreateBuilder<PeerHits>(answer.Results.Count);
        var room = maxResults;
        var truncated = answer.Truncated;
        for (var i = 0; i < answer.Results.Count; i++)
        {
            var result = answer.Results[i] ?? throw new PeerAnswerException($"'results[{i}]' is null");
            var field = $"results[{i}]";
            var peer = PeerAnswers.Name(result.Peer, $"{field}.peer");
            var url = PeerAnswers.Url(result.Url, $"{field}.url");
            var grpc = PeerAnswers.Optional(result.Grpc, PeerUrl.MaxLength, $"{field}.grpc");
            if (result.Files is null)
                throw new PeerAnswerException($"'{field}.files' is missing or null");
            var files = result.Files.Select((file, j) => Entry(file, $"{field}.files[{j}]")).ToList();
            var kept = Math.Min(files.Count, room);
            truncated |= kept < files.Count;
            room -= kept;
            if (kept > 0)
                hits.Add(new PeerHits(peer, url, grpc, [.. files.Take(kept)]));
        }
        return new SearchOutcome(hits.ToImmutable(), answer.Complete, Math.Clamp(answer.PeersReached, 0, MaxPeersReached), truncated);
    }

    private static FileEntry Entry(FileDto? file, string field)
    {
        if (file is null)
            throw new PeerAnswerException($"'{field}' is null");
        if (SafeFileName.Problem(file.Name) is { } problem)
            throw new PeerAnswerException($"'{field}.name': {problem}");
        if (file.Size < 0)
            throw new PeerAnswerException($"'{field}.size' is negative");
        if (!Sha256Hex.IsValid(file.Checksum))
            throw new PeerAnswerException($"'{field}.checksum' is not a SHA-256 (64 hex digits)");
        var extension = PeerAnswers.Optional(file.Extension, SafeFileName.MaxLength, $"{field}.extension");
        return new FileEntry(file.Name!, file.Size, file.Mtime, file.Checksum!.ToLowerInvariant(), extension, TreeOf(file));
    }

    /// <summary>The file's tree in lower case, or null when absent or unusable (never a reason to drop the answer).</summary>
    private static string? TreeOf(FileDto file) =>
        Sha256Hex.IsValid(file.Tree) && file.PieceSize is null or PieceTree.PieceSize ? file.Tree!.ToLowerInvariant() : null;
}
