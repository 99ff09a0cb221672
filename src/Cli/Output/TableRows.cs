namespace OrleansP2P.Cli.Output;

/// <summary>One column of a <see cref="TableRows"/>: its header and how the terminal table lays it out.</summary>
/// <param name="Abbreviate">
/// Shortens a cell in the terminal table only (a hash to its first digits); piped output always carries the full text,
/// so what a script reads can be compared with what other tools print.
/// </param>
public sealed record Column(string Header, bool RightAligned = false, bool NoWrap = false, Func<string, string>? Abbreviate = null);

/// <summary>
/// A list-shaped answer as column headers and rows of plain strings. Each command builds it once;
/// <see cref="TableOutput"/> draws it as a table on a terminal or as tab-separated lines when piped.
/// Cells hold raw text, peer-supplied included: the renderer neutralises control characters.
/// </summary>
public sealed class TableRows(params Column[] columns)
{
    private readonly List<string[]> _rows = [];

    public IReadOnlyList<Column> Columns => columns;

    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>Shown instead of a table when there are no rows ("peer1 shares no files").</summary>
    public required string WhenEmpty { get; init; }

    /// <summary>The summary line under the table, if any.</summary>
    public string? Caption { get; init; }

    public void Add(params string[] cells)
    {
        if (cells.Length != columns.Length)
            throw new ArgumentException($"a row needs {columns.Length} cells, got {cells.Length}", nameof(cells));
        _rows.Add(cells);
    }
}
