using OrleansP2P.Contracts.Rest;
using Spectre.Console;

namespace OrleansP2P.Cli.Output;

/// <summary>Tables for the list-shaped answers: files, peers and search results.</summary>
public static class Tables
{
    public static void Files(FilesResponse answer)
    {
        if (answer.Files.Count == 0)
        {
            Console.Out.WriteLine($"{Format.Safe(answer.Peer)} shares no files");
            return;
        }
        var table = Create("name", "size", "type", "sha256", "modified");
        table.Columns[1].RightAligned().NoWrap();
        table.Columns[4].NoWrap();
        foreach (var file in answer.Files)
            AddRow(table, file.Name, Format.Bytes(file.Size), file.Type ?? file.Extension ?? "", Format.ShortHash(file.Checksum), Format.UnixTime(file.Mtime));
        table.Caption($"{answer.Files.Count} files on {Format.Safe(answer.Peer)} ({Format.Safe(answer.Base)})");
        AnsiConsole.Write(table);
    }

    public static void Peers(PeersResponse answer)
    {
        if (answer.AllPeers.Count == 0)
        {
            Console.Out.WriteLine("no known neighbours");
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var table = Create("url", "name", "healthy", "last seen", "failures");
        table.Columns[4].RightAligned();
        foreach (var peer in answer.AllPeers)
            AddRow(table, peer.Url, peer.Name ?? "-", peer.Healthy ? "yes" : "no", Format.Ago(peer.LastSeen, now), $"{peer.Failures}");
        table.Caption($"{answer.Stats.Healthy} healthy, {answer.Stats.Unhealthy} unhealthy");
        AnsiConsole.Write(table);
    }

    public static void Search(SearchResponseDto answer)
    {
        var hits = answer.Results.SelectMany(r => r.Files, (r, f) => (Holder: r, File: f)).ToList();
        if (hits.Count == 0)
        {
            Console.Out.WriteLine($"no files match '{Format.Safe(answer.Query)}'");
        }
        else
        {
            var table = Create("peer", "file", "size", "sha256", "grpc");
            table.Columns[2].RightAligned().NoWrap();
            foreach (var (holder, file) in hits)
                AddRow(table, holder.Peer, file.Name, Format.Bytes(file.Size), Format.ShortHash(file.Checksum), file.Grpc ?? holder.Grpc ?? "-");
            AnsiConsole.Write(table);
        }
        Console.Out.WriteLine($"{hits.Count} files from {answer.Results.Count} peers; {answer.PeersReached} peers reached in "
            + $"{Format.Milliseconds(answer.ElapsedMs)} (ttl {answer.Ttl}, fanout {answer.FanoutUsed})");
        if (!answer.Complete)
            AnsiConsole.Write(new Text("warning: incomplete, some peers did not answer in time\n", new Style(Color.Yellow)));
    }

    private static Table Create(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        return table;
    }

    /// <summary>Cells are plain text, never markup: names come from peers and may contain brackets.</summary>
    private static void AddRow(Table table, params string[] cells) =>
        table.AddRow(cells.Select(c => new Text(Format.Safe(c))));
}
