using System.CommandLine;
using System.CommandLine.Parsing;
using OrleansP2P.Cli.Output;
using OrleansP2P.Cli.Transfer;
using Spectre.Console;

namespace OrleansP2P.Cli.Commands;

/// <summary>Options several verbs share. Each call makes a fresh instance for one command.</summary>
public static class CommonOptions
{
    public static readonly Uri DefaultPeer = new("http://127.0.0.1:8001/");

    /// <summary>A day: longer is no timeout at all, and timers take at most about 49 days.</summary>
    private const int MaxIdleSeconds = 86_400;

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

    /// <summary>A peer's gRPC address, <c>HOST:GRPC_PORT</c> (the grpc column of files/search).</summary>
    public static Option<GrpcTarget> Grpc(string name, string description, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = "HOST:GRPC_PORT",
        Required = true,
        CustomParser = result =>
        {
            var target = GrpcTarget.TryParse(result.Tokens[0].Value, out var error);
            if (target is null)
                result.AddError($"{name}: {error}");
            return target;
        },
    };

    public static Option<DirectoryInfo> OutputFolder() => new("--out")
    {
        Description = "Folder to save into (created when missing)",
        HelpName = "DIR",
        DefaultValueFactory = _ => new DirectoryInfo("."),
    };

    public static Option<bool> Overwrite(string description) => new("--overwrite") { Description = description };

    /// <summary>Seconds a transfer may go without progress from the peer (a fraction is fine); read with <see cref="IdleLimit"/>.</summary>
    public static Option<double> IdleTimeout() => new("--idle-timeout")
    {
        Description = "Fail a transfer when the peer sends or takes nothing for this many seconds",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => IdleGuard.DefaultLimit.TotalSeconds,
        Validators =
        {
            r =>
            {
                if (r.GetValueOrDefault<double>() is not (> 0 and <= MaxIdleSeconds))
                    r.AddError($"--idle-timeout: more than 0 and at most {MaxIdleSeconds} seconds");
            },
        },
    };

    public static TimeSpan IdleLimit(this ParseResult result, Option<double> idleTimeout) =>
        TimeSpan.FromSeconds(result.GetValue(idleTimeout));

    /// <summary>Progress bars for people; nothing at all when the output is JSON.</summary>
    public static IProgressDisplay Display(bool json) =>
        json ? SilentProgress.Instance : new ProgressBarDisplay(AnsiConsole.Console);

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
