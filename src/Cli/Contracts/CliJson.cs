using System.Text.Json;

namespace OrleansP2P.Cli.Contracts;

/// <summary>The peers' wire format: snake_case, strict about the fields the contract promises.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Options for reading problem details: any missing field is fine there.</summary>
    public static readonly JsonSerializerOptions Lenient = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
