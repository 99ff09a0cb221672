namespace OrleansP2P.Contracts.Rest;

/// <summary>Answer of <c>GET /pieces/{sha256}</c>: the content's piece leaves in order (lower-case hex).</summary>
public sealed record PiecesResponse(string Sha256, long Size, long PieceSize, string Tree, IReadOnlyList<string> Pieces);
