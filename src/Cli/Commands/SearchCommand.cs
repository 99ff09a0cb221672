using System.CommandLine;
using System.Globalization;
using System.Text;
using OrleansP2P.Cli.Output;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Cli.Commands;

/// <summary>
/// <c>p2p search QUERY</c>: a flooded search started at <c>--peer</c>. TTL and fanout are sent only when
/// given, so the peer's configured defaults apply otherwise; the peer validates their ranges.
/// </summary>
public static class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("QUERY")
        {
            Description = "Words the file name must contain, in any order (case and accents ignored: \"floyd pink\" finds Pink_Floyd.mp3); * lists every file; urn:sha256:HEX finds that content",
        };
        var ttl = new Option<int?>("--ttl") { Description = "Hops the query may travel (0 = this peer only, up to 7)", HelpName = "N" };
        var fanout = new Option<int?>("--fanout") { Description = "Neighbours asked per hop (1-16)", HelpName = "N" };
        var noCache = new Option<bool>("--no-cache") { Description = "Bypass the starting peer's result cache" };

        var command = new Command("search", "Search the network for files by name") { query, ttl, fanout, noCache };
        return command.GetsFromPeer<SearchResponseDto>(
            result => Path(result.GetRequiredValue(query), result.GetValue(ttl), result.GetValue(fanout), result.GetValue(noCache)),
            Tables.Search);
    }

    public static string Path(string query, int? ttl, int? fanout, bool noCache)
    {
        var path = new StringBuilder("search?query=").Append(Uri.EscapeDataString(query));
        if (ttl is { } t)
            path.Append(CultureInfo.InvariantCulture, $"&ttl={t}");
        if (fanout is { } f)
            path.Append(CultureInfo.InvariantCulture, $"&fanout={f}");
        if (noCache)
            path.Append("&cache=false");
        return path.ToString();
    }
}
