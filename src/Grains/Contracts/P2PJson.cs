using System.Text.Json;

namespace OrleansP2P.Grains.Contracts;

/// <summary>The REST contract's JSON settings: snake_case names, shared by the server and peer clients.</summary>
public static class P2PJson
{
    public static JsonSerializerOptions Options { get; } = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        return options;
    }
}
