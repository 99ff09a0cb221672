using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Cli.Output;

/// <summary>
/// The list-shaped answers (files, peers, search results) as rows, built once for <see cref="TableOutput"/> to draw as
/// a table or print as tab-separated lines.
/// </summary>
public static class Tables
{
    /// <summary>
    /// The table shows the first 12 hex digits, enough to tell files apart at a glance; piped output keeps all 64
    /// so a script can compare them with <c>sha256sum</c> or a download's verified hash.
    /// </summary>
    private static readonly Column Sha256 = new("sha256", Abbreviate: Format.ShortHash);

    public static void Files(FilesResponse answer, TableOutput output)
    {
        var table = new TableRows(
            new Column("name"),
            new Column("size", RightAligned: true, NoWrap: true),
            new Column("type"),
            Sha256,
            new Column("modified", NoWrap: true))
        {
            WhenEmpty = $"{answer.Peer} shares no files",
            Caption = $"{answer.Files.Count} files on {answer.Peer} ({answer.Base})",
        };
        foreach (var file in answer.Files)
            table.Add(file.Name, Format.Bytes(file.Size), file.Type ?? file.Extension ?? "", Hash(file.Checksum), Format.UnixTime(file.Mtime));
        output.Write(table);
    }

    public static void Peers(PeersResponse answer, TableOutput output)
    {
        var now = DateTimeOffset.UtcNow;
        var table = new TableRows(
            new Column("url"),
            new Column("name"),
            new Column("healthy"),
            new Column("last seen"),
            new Column("failures", RightAligned: true))
        {
            WhenEmpty = "no known neighbours",
            Caption = $"{answer.Stats.Healthy} healthy, {answer.Stats.Unhealthy} unhealthy",
        };
        foreach (var peer in answer.AllPeers)
            table.Add(peer.Url, peer.Name ?? "-", peer.Healthy ? "yes" : "no", Format.Ago(peer.LastSeen, now), $"{peer.Failures}");
        output.Write(table);
    }

    public static void Search(SearchResponseDto answer, TableOutput output)
    {
        var table = new TableRows(
            new Column("peer"),
            new Column("file"),
            new Column("size", RightAligned: true, NoWrap: true),
            Sha256,
            new Column("grpc"))
        {
            WhenEmpty = $"no files match '{answer.Query}'",
        };
        foreach (var holder in answer.Results)
        {
            foreach (var file in holder.Files)
                table.Add(holder.Peer, file.Name, Format.Bytes(file.Size), Hash(file.Checksum), file.Grpc ?? holder.Grpc ?? "-");
        }
        output.Write(table);
        output.Note($"{table.Rows.Count} files from {answer.Results.Count} peers; {answer.PeersReached} peers reached in "
            + $"{Format.Milliseconds(answer.ElapsedMs)} (ttl {answer.Ttl}, fanout {answer.FanoutUsed})");
        if (!answer.Complete)
            output.Warning("warning: incomplete, some peers did not answer in time");
    }

    /// <summary>A missing checksum reads "-" in both forms rather than an empty cell.</summary>
    private static string Hash(string? checksum) => string.IsNullOrEmpty(checksum) ? "-" : checksum;
}
