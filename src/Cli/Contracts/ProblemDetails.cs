namespace OrleansP2P.Cli.Contracts;

/// <summary>The RFC 7807 body peers answer errors with; only the human-readable parts are read.</summary>
public sealed record ProblemDetails(string? Title, string? Detail);
