using System.Text.Json;

namespace OrleansP2P.Api.Tests.Infrastructure;

public static class JsonAssert
{
    /// <summary>Asserts that <paramref name="value"/> is an object with exactly these property names (any order).</summary>
    public static void HasExactly(JsonElement value, params string[] names)
    {
        Assert.Equal(JsonValueKind.Object, value.ValueKind);
        Assert.Equal(names.Order(StringComparer.Ordinal), value.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>The strings of a JSON array.</summary>
    public static IReadOnlyList<string> Strings(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.GetString() ?? throw new InvalidOperationException("null in a string array"))];

    /// <summary>The <c>url</c> of every object in a JSON array (e.g. <c>all_peers</c>).</summary>
    public static IReadOnlyList<string> Urls(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.GetProperty("url").GetString()!)];
}
