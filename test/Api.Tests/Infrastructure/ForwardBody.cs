using System.Text.Json.Nodes;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>Bodies for <c>POST /search/forward</c>.</summary>
public static class ForwardBody
{
    public const string Sender = "http://127.0.0.1:1";

    /// <summary>A valid hop that only executes here (ttl 0): it never reaches another peer.</summary>
    public static JsonObject Valid(Guid queryId, string query = "hello") => new()
    {
        ["query_id"] = queryId.ToString("D"),
        ["query"] = query,
        ["ttl"] = 0,
        ["fanout"] = 1,
        ["origin"] = Sender,
        ["path"] = new JsonArray(Sender),
        ["deadline_ms"] = 1000,
    };

    public static StringContent Content(JsonNode body) =>
        new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
