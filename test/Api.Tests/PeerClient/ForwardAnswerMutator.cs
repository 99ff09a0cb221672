using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansP2P.Api.Tests.PeerClient;

/// <summary>One generated answer to a search hop, as the wire carries it.</summary>
public sealed record FuzzAnswer(string Mutation, HttpStatusCode Status, string? ContentType, byte[] Body);

/// <summary>
/// Seeded answers to a search hop: a valid answer (1–4 peers, 0–8 files each), then one to three mutations of its JSON
/// (nulls, wrong types, huge numbers, arrays of up to 10 000 entries, bad URLs, names and checksums, removed or unknown
/// fields) or of its bytes and headers (not JSON, cut short, deep nesting, wrong content type, an error status). The
/// same seed gives the same answers.
/// </summary>
public sealed class ForwardAnswerMutator(int seed)
{
    private static readonly string[] BadUrls =
        ["", "not a url", "ftp://x:1", "http://x:1/path", "http://u:p@x:1", "http://x:0", "file:///etc/passwd", "http://" + new string('h', 3000) + ":1"];

    private static readonly string[] BadNames =
        ["", " ", "../up", "a/b", "a\\b", ".hidden", "x.part", "CON", "nul\u0000", "tab\tname", new string('n', 256), new string('n', 65)];

    private static readonly JsonNode?[] Numbers =
        [int.MaxValue, int.MinValue, long.MaxValue, long.MinValue, -1, 0, 1e308, -1e308, 1.5, 18446744073709551615m];

    private readonly Random _random = new(seed);

    /// <summary>Placeholders in the JSON tree for long runs of file entries, spliced in as text (a tree of them is slow to build).</summary>
    private readonly List<(string Marker, int Count)> _bulk = [];

    public FuzzAnswer Next()
    {
        var answer = Valid();
        var mutations = new List<string>();
        _bulk.Clear();
        for (var i = _random.Next(0, 4); i > 0; i--)
            mutations.Add(MutateJson(answer));
        var json = answer.ToJsonString();
        foreach (var (marker, count) in _bulk)
            json = json.Replace($"\"{marker}\"", BulkFiles(count), StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(json);
        var (status, type) = (HttpStatusCode.OK, (string?)"application/json");
        switch (_random.Next(20))
        {
            case 0:
                body = Encoding.UTF8.GetBytes(_random.Next(2) == 0 ? "<html>oops</html>" : Convert.ToBase64String(body));
                mutations.Add("not json");
                break;
            case 1:
                body = body[.._random.Next(body.Length)];
                mutations.Add("cut short");
                break;
            case 2:
                body = Encoding.UTF8.GetBytes(new string('[', 200) + new string(']', 200));
                mutations.Add("deep nesting");
                break;
            case 3:
                type = Pick<string?>([null, "text/plain", "application/xml", "application/json; charset=utf-16"]);
                mutations.Add($"content type {type ?? "none"}");
                break;
            case 4:
                status = Pick([HttpStatusCode.InternalServerError, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.Found]);
                mutations.Add($"status {(int)status}");
                break;
        }
        return new FuzzAnswer(mutations.Count == 0 ? "none" : string.Join(", ", mutations), status, type, body);
    }

    private JsonObject Valid() => new()
    {
        ["results"] = new JsonArray([.. Enumerable.Range(0, _random.Next(1, 5)).Select(p => (JsonNode)new JsonObject
        {
            ["peer"] = $"peer-{p}",
            ["url"] = $"http://peer-{p}.fuzz:{8000 + p}",
            ["grpc"] = $"peer-{p}.fuzz:{9000 + p}",
            ["files"] = new JsonArray([.. Enumerable.Range(0, _random.Next(0, 9)).Select(f => (JsonNode)File(p, f))]),
        })]),
        ["complete"] = _random.Next(4) != 0,
        ["peers_reached"] = _random.Next(1, 20),
    };

    private static string BulkFiles(int count) => string.Join(',', Enumerable.Range(0, count).Select(i =>
        $$"""{"name":"bulk-{{i}}.txt","size":{{i}},"mtime":0,"checksum":"{{new string('b', 64)}}","extension":".txt"}"""));

    private static JsonObject File(int peer, int index) => new()
    {
        ["name"] = $"file-{peer}-{index}.txt",
        ["size"] = index * 100,
        ["mtime"] = 1_700_000_000,
        ["checksum"] = new string((char)('a' + (index % 6)), 64),
        ["extension"] = ".txt",
    };

    /// <summary>One mutation somewhere in the answer; earlier mutations may have broken its shape, so nothing is assumed.</summary>
    private string MutateJson(JsonObject answer)
    {
        var peers = answer["results"] as JsonArray;
        var peer = peers is { Count: > 0 } ? peers[_random.Next(peers.Count)] as JsonObject : null;
        var files = peer?["files"] as JsonArray;
        var file = files is { Count: > 0 } ? files[_random.Next(files.Count)] as JsonObject : null;
        var target = file is not null && _random.Next(2) == 0 ? file : peer is not null && _random.Next(3) != 0 ? peer : answer;
        var key = target.Count > 0 ? Pick([.. target.Select(p => p.Key)]) : "results";
        switch (_random.Next(10))
        {
            case 0:
                target[key] = null;
                return $"{key} null";
            case 1:
                target[key] = Pick<JsonNode?>(["text", 42, true, new JsonArray(), new JsonObject(), 1.5]);
                return $"{key} wrong type";
            case 2:
                var field = Pick(["peers_reached", "size", "mtime"]);
                (field == "peers_reached" ? answer : file ?? answer)[field] = Pick(Numbers)?.DeepClone();
                return $"{field} huge";
            case 3 when peer is not null && files is not null:
                var copies = _random.Next(10) == 0 ? _random.Next(1000, 10_000) : _random.Next(10, 300);
                var marker = $"bulk-{_bulk.Count}";
                _bulk.Add((marker, copies));
                files.Add(marker);
                return $"{copies} more files";
            case 4 when peer is not null:
                peer["url"] = Pick(BadUrls);
                return "bad url";
            case 5 when peer is not null:
                (file ?? peer)[file is null ? "peer" : "name"] = Pick(BadNames);
                return "bad name";
            case 6 when peer is not null:
                (file ?? peer)[file is null ? "grpc" : "checksum"] = Pick(["", "xyz", new string('g', 64), new string('a', 63), "x\n"]);
                return "bad checksum or grpc";
            case 7:
                target.Remove(key);
                return $"{key} removed";
            case 8 or 3 or 4 or 5 or 6:
                target["unknown_" + _random.Next(100)] = new JsonArray(1, 2, 3);
                return "unknown field";
            default:
                peers?.Add(peer?.DeepClone());
                return "peer repeated";
        }
    }

    private T Pick<T>(IReadOnlyList<T> choices) => choices[_random.Next(choices.Count)];
}
