using OrleansP2P.Cli.Transfer;

namespace OrleansP2P.Cli.Output;

/// <summary>What <c>p2p get</c> prints for people: the contents saved, and the names it set aside.</summary>
public static class GetOutput
{
    public static void Summary(IReadOnlyList<SwarmDownloadResult> done, TimeSpan elapsed, TableOutput output)
    {
        var table = new TableRows(
            new Column("name"), new Column("size", RightAligned: true, NoWrap: true), new Column("sha256", NoWrap: true, Abbreviate: Format.ShortHash),
            new Column("holders", RightAligned: true), new Column("bad pieces", RightAligned: true), new Column("MB/s", RightAligned: true),
            new Column("saved to"))
        {
            WhenEmpty = "nothing downloaded",
            Caption = $"{done.Count} contents, {Format.Bytes(done.Sum(d => d.Size))} in {Format.Seconds(elapsed)}, sha256 and piece tree verified",
        };
        foreach (var d in done)
        {
            var holders = d.AlreadyPresent ? "already there" : $"{d.Sources.Count(s => s.Bytes > 0)}/{d.Sources.Count}";
            table.Add(d.Name, Format.Bytes(d.Size), d.Sha256, holders, $"{d.BadPieces}",
                d.MegabytesPerSecond.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), d.Path);
        }
        output.Write(table);
    }

    /// <summary>
    /// Names that stand for several contents (nothing fetched for them) with each content's link, and hits that cannot be
    /// swarmed: a table for people, one line each on stderr with <c>--json</c> (<paramref name="output"/> null).
    /// </summary>
    public static void SetAside(ContentGroups groups, TableOutput? output)
    {
        foreach (var skipped in groups.Skipped)
            ErrorOutput.Write($"skipped {skipped}");
        if (groups.Ambiguous.Count == 0)
            return;
        var table = new TableRows(new Column("name"), new Column("size", RightAligned: true), new Column("holders", RightAligned: true), new Column("link"))
        {
            WhenEmpty = "",
            Caption = "each of these names stands for different contents: nothing was fetched for them; run p2p get LINK with the one you want",
        };
        foreach (var name in groups.Ambiguous)
        {
            foreach (var content in name.Contents)
            {
                if (output is null)
                    ErrorOutput.Write($"{name.Name} stands for different contents, not fetched; one of them: {content.Link}");
                table.Add(name.Name, content.Link.Size is { } size ? Format.Bytes(size) : "-", $"{content.Holders.Count}", content.Link.ToString());
            }
        }
        output?.Write(table);
    }
}
