using System.Text.Json;

namespace OrleansP2P.Contracts.Rest;

/// <summary>The REST contract's JSON settings: snake_case names, shared by peers, the peer client and the CLI.</summary>
public static class P2PJson
{
    /// <summary>What peers write and read: snake_case, missing fields left at their defaults.</summary>
    public static JsonSerializerOptions Options { get; } = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// What the CLI reads answers with: a field the contract promises (a non-nullable constructor parameter) must be
    /// there and not null, so a broken answer is reported as one line instead of showing up as a blank column.
    /// </summary>
    public static JsonSerializerOptions Strict { get; } = new(Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        return options;
    }
}
