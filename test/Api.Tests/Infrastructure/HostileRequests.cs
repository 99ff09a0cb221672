using System.Text;
using System.Text.Json.Nodes;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// Generates malformed and oversized requests for every REST endpoint from a seeded <see cref="Random"/>,
/// so a failing run can be reproduced request by request.
/// </summary>
#pragma warning disable CA5394 // not for security: reproducible test input
public sealed class HostileRequests(int seed)
{
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly string[] GetEndpoints = ["/health", "/files", "/peers", "/status", "/search"];
    private static readonly string[] PostEndpoints = ["/register", "/search/forward", "/bootstrap"];
    private static readonly string[] AllEndpoints = [.. GetEndpoints, .. PostEndpoints, "/metrics", "/"];

    /// <summary>Query-string values, already in their wire form (percent-encoded where a client would encode).</summary>
    private static readonly string[] BadValues =
    [
        "", "%20", "%20%20%20", Escape(new string('a', 10_000)), Escape("ファイル名"), Escape("\u0001\u0007\u001b[2J"),
        Escape("\u202Etxt.exe"), Escape("😀📁🔥"), "%00", "a%00b", "..%2F..%2Fetc%2Fpasswd", "../../etc/passwd", "%", "%zz", "%ED%A0%80",
        "%FF%FE", "*", "a%26b%3Dc", "true", "TRUE", "yes", "1", "0", "-1", "8", "17", "2147483648", "-2147483649",
        "99999999999999999999999", "1e3", "0x10", "%203", "3%20", "+3", Escape("٣"), "NaN", "null", "[]", "{}", "3.0",
        Escape("'; DROP TABLE files; --"), Escape("<script>alert(1)</script>"), Escape("\r\nX-Injected: 1"),
    ];

    private static readonly string[] Urls =
    [
        "javascript:alert(1)", "file:///etc/passwd", "gopher://a.example:70/_x", "http://[::1", "http://[::1]:80",
        "http://user:secret@a.example:1", "http://a.example:0", "http://a.example:65536", "http://a.example:-1",
        "http://a.example:99999999999999999999", "http://bücher.example:80", "http://xn--bcher-kva.example:80",
        "http://" + new string('h', 3000) + ".example:80", "http://", "http://:80", "https://a.example:1/path",
        "http://a.example:1?x=1", "http://a.example:1#f", "data:text/plain,hi", "http://a.example:1\r\nHost: evil",
        "http://%00:80", "http://a b:80", "ftp://x", "\\\\server\\share", "http:////a.example:1", "HTTP://A.EXAMPLE:1/",
        "http://0x7f.1:80", "http://999.999.999.999:80", " ", "", "http://😀.example:80", "http://\u202Eevil.example:80",
        "mailto:a@b.example", "//a.example:1", "a.example:1", "http://a.example:1/" + new string('p', 5000),
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
        "application/json; charset=utf-16", "application/octet-stream", "}{not a type", "",
    ];

    private static readonly string[] PathTricks =
    [
        "/files/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/files/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/files/..%2f..%2fetc%2fpasswd",
        "/files/%00", "/files%00", "/health%00", "/files/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "//files", "/files//", "/FILES", "/Health",
        "/health/../files", "/search/forward/../../register", "/./status", "/files;jsessionid=1", "/files%20", "/files/%F0%9F%98%80",
        "/metrics/../files", "/files/.hidden", "/files/x.part", "/files/sub%2finner.txt", "/files/link.txt", "/files/pipe.txt",
        "/files/" + new string('n', 8000), "/" + new string('x', 16_000), "/search?" + new string('q', 20_000) + "=1",
        "/files/%u002e%u002e/", "/\\..\\..\\etc\\passwd", "/files/..%5c..%5cetc%5cpasswd", "/search/", "/search/forward/",
        "/register/../bootstrap", "/openapi/../../etc/passwd", "/%", "/%zz", "/files?%", "/?" + string.Concat(Enumerable.Repeat("a=1&", 2000)),
    ];

    private static readonly HttpMethod[] OddMethods =
        [HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Options, HttpMethod.Head, HttpMethod.Trace, new("PROPFIND")];

    private readonly Random _random = new(seed);

    /// <summary>At least <paramref name="count"/> requests, and a few huge ones on top.</summary>
    public List<HostileRequest> Generate(int count)
    {
        var requests = new List<HostileRequest>(count + 8)
        {
            new("multi-MB body", HttpMethod.Post, "/register", Encoding.UTF8.GetBytes(Padded(3 * 1024 * 1024))),
            new("multi-MB body, chunked", HttpMethod.Post, "/search/forward", Encoding.UTF8.GetBytes(Padded(2 * 1024 * 1024)), Chunked: true),
            new("nested arrays", HttpMethod.Post, "/register", Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000))),
            new("nested arrays", HttpMethod.Post, "/search/forward", Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000))),
        };
        for (var bootstrap = 0; bootstrap < 8; bootstrap++) // each runs a real bootstrap round: a few are enough
            requests.Add(new("bootstrap", HttpMethod.Post, "/bootstrap", GenericBody(), Pick(ContentTypes), Chunked: _random.Next(4) == 0));
        while (requests.Count < count)
        {
            requests.Add(_random.Next(100) switch
            {
                < 25 => Search(),
                < 35 => JunkQuery(),
                < 43 => new("path trick", Pick([HttpMethod.Get, HttpMethod.Post]), Pick(PathTricks)),
                < 50 => WrongMethod(),
                < 62 => Register(),
                < 72 => Post("generic body", Pick(["/register", "/search/forward"]), GenericBody()),
                _ => Forward(),
            });
        }
        return requests;
    }

    private HostileRequest Search()
    {
        var parameters = new List<string>();
        Param(parameters, "query", () => Pick(["hello", "*", Escape("my notes #1"), "a"]));
        Param(parameters, "ttl", () => "0");
        Param(parameters, "fanout", () => Pick(["1", "16"]));
        Param(parameters, "cache", () => Pick(["true", "false"]));
        return new("search query", HttpMethod.Get, "/search?" + string.Join('&', Shuffle(parameters)));
    }

    /// <summary>Absent, valid, bad, or repeated (a valid value and a bad one).</summary>
    private void Param(List<string> parameters, string name, Func<string> valid)
    {
        switch (_random.Next(5))
        {
            case 0:
                return;
            case 1:
                parameters.Add($"{name}={valid()}");
                return;
            case 2:
                parameters.Add($"{name}={valid()}");
                parameters.Add($"{name}={Pick(BadValues)}");
                return;
            default:
                parameters.Add($"{name}={Pick(BadValues)}");
                return;
        }
    }

    private HostileRequest JunkQuery()
    {
        var parameters = Enumerable.Range(0, _random.Next(1, 6)).Select(_ => $"{Pick(BadValues)}={Pick(BadValues)}");
        var query = _random.Next(6) == 0 ? Pick(["&&&=&=", "%00", "=", "?", "&", ";;;"]) : string.Join('&', parameters);
        return new("junk query", HttpMethod.Get, $"{Pick(GetEndpoints)}?{query}");
    }

    private HostileRequest WrongMethod() => _random.Next(3) switch
    {
        0 => new("wrong method", HttpMethod.Get, Pick(PostEndpoints)),
        1 => new("wrong method", HttpMethod.Post, Pick(GetEndpoints), GenericBody()),
        _ => new("wrong method", Pick(OddMethods), Pick(AllEndpoints), _random.Next(2) == 0 ? GenericBody() : null),
    };

    private HostileRequest Register()
    {
        JsonNode? url = _random.Next(5) == 0 ? WrongType() : JsonValue.Create(Pick(Urls));
        var body = new JsonObject { ["url"] = url };
        if (_random.Next(4) == 0)
            body[Pick(["URL", "urls", "peer", "__proto__", "url "])] = Pick(Urls);
        return Post("register url", "/register", Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    private HostileRequest Forward()
    {
        var body = ForwardBody.Valid(NextGuid());
        for (var mutations = _random.Next(1, 4); mutations > 0; mutations--)
        {
            var key = Pick(["query_id", "query", "ttl", "fanout", "origin", "path", "deadline_ms", "extra"]);
            body[key] = key switch
            {
                "query_id" => Pick<JsonNode?>(["", "not-a-guid", $"{{{NextGuid()}}}", NextGuid().ToString("N").ToUpperInvariant(),
                    Guid.Empty.ToString(), new string('f', 5000), WrongType()]),
                "query" => Pick<JsonNode?>(["", "   ", new string('q', 257), "\u0000", "\u202Eexe", "😀", "*", "../..", WrongType()]),
                "ttl" => OutOfRange(PeerOptionsLimits.MaxTtl + 1),
                "fanout" => OutOfRange(PeerOptionsLimits.MaxFanout + 1),
                "deadline_ms" => OutOfRange(60_001),
                "origin" => _random.Next(5) == 0 ? WrongType() : Pick(Urls),
                "path" => BadPath(),
                _ => Pick<JsonNode?>([new JsonObject { ["__proto__"] = new JsonObject() }, new string('x', 60_000), WrongType()]),
            };
            if (_random.Next(8) == 0)
                body.Remove(key);
        }
        return Post("forward field", "/search/forward", Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    private JsonNode? BadPath() => _random.Next(8) switch
    {
        0 => new JsonArray([.. Enumerable.Range(0, 1000).Select(i => (JsonNode?)$"http://10.0.{i / 250}.{i % 250}:80")]),
        1 => new JsonArray([.. Enumerable.Range(0, 33).Select(i => (JsonNode?)$"http://a{i}.example:80")]),
        2 => new JsonArray(),
        3 => new JsonArray(null, 5, true),
        4 => "http://a.example:1",
        5 => new JsonArray(Pick(Urls)),
        6 => new JsonArray(ForwardBody.Sender, Pick(Urls)),
        _ => WrongType(),
    };

    private JsonNode? OutOfRange(int firstTooHigh) => _random.Next(9) switch
    {
        0 => -1,
        1 => firstTooHigh,
        2 => int.MaxValue,
        3 => JsonNode.Parse("2147483648"),
        4 => JsonNode.Parse("1e309"),
        5 => 1.5,
        6 => "1",
        7 => JsonNode.Parse("-0"),
        _ => WrongType(),
    };

    private JsonNode? WrongType() => _random.Next(6) switch
    {
        0 => null,
        1 => 5,
        2 => true,
        3 => new JsonArray("x"),
        4 => new JsonObject { ["a"] = 1 },
        _ => -3.25,
    };

    /// <summary>Bodies that are not the expected object at all.</summary>
    private byte[] GenericBody()
    {
        var valid = ForwardBody.Valid(NextGuid()).ToJsonString();
        return _random.Next(20) switch
        {
            0 => [],
            1 => " \r\n\t "u8.ToArray(),
            2 => Encoding.UTF8.GetBytes(valid[.._random.Next(1, valid.Length - 1)]), // truncated
            3 => Encoding.UTF8.GetBytes(Pick(["null", "[]", "42", "\"str\"", "true", "{}", "[{}]", "-0", "1e999"])),
            4 => Encoding.UTF8.GetBytes(Nested(_random.Next(65, 10_001))),
            5 => Encoding.UTF8.GetBytes(Padded(MaxBodyBytes + _random.Next(1, 4096))),
            6 => RandomBytes(_random.Next(1, 2048)),
            7 => [0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC], // invalid UTF-8
            8 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)], // BOM
            9 => Encoding.Unicode.GetBytes(valid), // UTF-16
            10 => Encoding.UTF8.GetBytes("{/* comment */ \"url\": \"http://a.example:1\",}"),
            11 => Encoding.UTF8.GetBytes("{\"url\":\"http://a.example:1\",\"url\":5}"),
            12 => Encoding.UTF8.GetBytes("{\"url\":\"" + string.Concat(Enumerable.Repeat("\\ud83d\\ude00", 5000)) + "\"}"),
            13 => Encoding.UTF8.GetBytes("{\"url\":\"\\u0000\\ud800\"}"),
            14 => Encoding.UTF8.GetBytes("url=http%3A%2F%2Fa.example%3A1"),
            15 => Encoding.UTF8.GetBytes("<url>http://a.example:1</url>"),
            16 => Encoding.UTF8.GetBytes("{\"url\":" + new string('9', 5000) + "}"),
            17 => Encoding.UTF8.GetBytes(valid + valid),
            18 => Encoding.UTF8.GetBytes(valid.Replace("\"", "'", StringComparison.Ordinal)),
            _ => Encoding.UTF8.GetBytes("{\"" + new string('k', 50_000) + "\":1}"),
        };
    }

    private HostileRequest Post(string kind, string path, byte[] body) =>
        new(kind, HttpMethod.Post, path, body, Pick(ContentTypes), Chunked: _random.Next(5) == 0);

    /// <summary>Arrays or objects nested <paramref name="depth"/> deep.</summary>
    private string Nested(int depth) => _random.Next(2) == 0
        ? new string('[', depth) + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"url\":", depth)) + "1" + new string('}', depth);

    /// <summary>A valid register body padded to about <paramref name="bytes"/>: only its size is wrong.</summary>
    private static string Padded(int bytes) => new JsonObject { ["url"] = "http://big.example:1", ["padding"] = new string('x', bytes) }.ToJsonString();

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private Guid NextGuid() => new(RandomBytes(16));

    private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];

    private List<string> Shuffle(List<string> values)
    {
        var array = values.ToArray();
        _random.Shuffle(array);
        return [.. array];
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    /// <summary>The search bounds from <c>PeerOptions</c>, named here so the generator reads on its own.</summary>
    private static class PeerOptionsLimits
    {
        public const int MaxTtl = OrleansP2P.Grains.Options.PeerOptions.MaxTtl;
        public const int MaxFanout = OrleansP2P.Grains.Options.PeerOptions.MaxFanoutLimit;
    }
}
#pragma warning restore CA5394
