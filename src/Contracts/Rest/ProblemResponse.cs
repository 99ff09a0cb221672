namespace OrleansP2P.Contracts.Rest;

/// <summary>The RFC 7807 body peers answer errors with; only the human-readable parts are read.</summary>
public sealed record ProblemResponse(string? Title, string? Detail);
