using System.CommandLine;
using System.Text.Json;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Cli.Commands;

/// <summary>
/// <c>p2p link NAME</c>: the magnet link of a file the peer shares (from its <c>/files</c>), which <c>p2p get</c> and
/// the web UI take. <c>--json</c> prints <c>{"name","size","sha256","tree","link"}</c>.
/// </summary>
public static class LinkCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The shared file's exact name, as p2p files lists it" };
        var peer = CommonOptions.Peer();
        var json = CommonOptions.Json();
        var command = new Command("link", "Print the magnet link of a file a peer shares") { name, peer, json };
        return command.SetGuardedAction(async (result, cancellationToken) =>
        {
            using var api = PeerApiClient.Create(result.GetRequiredValue(peer));
            var files = PeerApiClient.Parse<FilesResponse>(await api.GetJsonAsync("files", cancellationToken), "files");
            var link = LinkOf(files, result.GetRequiredValue(name));
            Console.Out.WriteLine(result.GetValue(json)
                ? JsonSerializer.Serialize(new SharedLink(link.Name!, link.Size!.Value, link.Sha256, link.Tree, link.ToString()), P2PJson.Options)
                : link.ToString());
            return ExitCodes.Ok;
        });
    }

    /// <summary>The link of the file named exactly <paramref name="name"/> in <paramref name="files"/>.</summary>
    /// <exception cref="CliException">The peer shares no such file, or lists it without a piece tree.</exception>
    public static MagnetLink LinkOf(FilesResponse files, string name)
    {
        var file = files.Files.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))
            ?? throw new CliException($"{files.Peer} shares no file named '{name}' (names are case-sensitive; see p2p files)");
        if (file.Tree is null || file.PieceSize != PieceTree.PieceSize)
            throw new CliException($"{files.Peer} lists '{name}' without a piece tree: it is older than content addressing");
        var text = new MagnetLink(file.Checksum.ToLowerInvariant(), file.Tree.ToLowerInvariant(), file.Size, file.Name).ToString();
        return MagnetLink.TryParse(text, out var link, out var problem)
            ? link
            : throw new CliException($"{files.Peer} lists '{name}' with a malformed entry: {problem}");
    }

    /// <summary>What <c>--json</c> prints.</summary>
    public sealed record SharedLink(string Name, long Size, string Sha256, string Tree, string Link);
}
