using System.CommandLine;
using System.CommandLine.Parsing;

namespace OrleansP2P.Cli.Commands;

/// <summary>Options several verbs share. Each call makes a fresh instance for one command.</summary>
public static class CommonOptions
{
    public static readonly Uri DefaultPeer = new("http://127.0.0.1:8001/");

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print the raw JSON answer instead of a table",
    };

    public static Option<Uri> Peer() => new("--peer")
    {
        Description = "REST URL of the peer to ask",
        HelpName = "URL",
        DefaultValueFactory = _ => DefaultPeer,
        CustomParser = ParsePeerUrl,
    };

    /// <summary>Accepts <c>http(s)://host:port</c>, or <c>host:port</c> as shorthand for http.</summary>
    private static Uri? ParsePeerUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : "";
        if (!text.Contains("://", StringComparison.Ordinal))
            text = "http://" + text;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0 && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment))
        {
            // A trailing slash makes relative request paths append to any base path instead of replacing it.
            return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        }
        result.AddError($"--peer: '{text}' is not an http(s) URL such as {DefaultPeer.AbsoluteUri.TrimEnd('/')}");
        return null;
    }
}
