using Spectre.Console;

namespace OrleansP2P.Cli.Output;

/// <summary>
/// Where <c>files</c>, <c>peers</c>, <c>search</c> and <c>status</c> print. On a terminal: Spectre.Console tables with
/// their captions. Piped or redirected (<c>p2p files | grep name</c>): a header line, then one line per row with the
/// cells tab-separated, never wrapped, cut or coloured, so grep, cut and awk see whole rows; captions, summaries and
/// warnings go to stderr, where the user still sees them but they do not mix with the rows.
/// </summary>
public sealed class TableOutput
{
    private readonly TextWriter _out;
    private readonly TextWriter _error;
    private readonly IAnsiConsole? _terminal;

    /// <param name="output">Rows and tables.</param>
    /// <param name="error">Captions, summaries and warnings when <paramref name="terminal"/> is false.</param>
    /// <param name="terminal">True draws tables for people; false prints tab-separated lines for programs.</param>
    public TableOutput(TextWriter output, TextWriter error, bool terminal)
    {
        _out = output;
        _error = error;
        // The settings AnsiConsole.Console is made with, over the given writer.
        _terminal = terminal
            ? AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
                Out = new AnsiConsoleOutput(output),
            })
            : null;
    }

    /// <summary>This process's stdout and stderr: tables when stdout is a terminal, tab-separated lines otherwise.</summary>
    public static TableOutput ForConsole() => new(Console.Out, Console.Error, terminal: !Console.IsOutputRedirected);

    public void Write(TableRows table)
    {
        if (_terminal is null)
            WritePlain(table);
        else if (table.Rows.Count == 0)
            _out.WriteLine(Format.Safe(table.WhenEmpty));
        else
            _terminal.Write(Draw(table));
    }

    /// <summary>A two-column summary: a grid on a terminal, one <c>key&lt;TAB&gt;value</c> line per pair when piped.</summary>
    public void Write(IEnumerable<(string Key, string Value)> pairs)
    {
        if (_terminal is null)
        {
            foreach (var (key, value) in pairs)
                WriteLine(key, value);
            return;
        }
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var (key, value) in pairs)
            grid.AddRow(new Text(Format.Safe(key), new Style(decoration: Decoration.Bold)), new Text(Format.Safe(value)));
        _terminal.Write(grid);
    }

    /// <summary>A line about the answer rather than part of it: under the table on a terminal, on stderr when piped.</summary>
    public void Note(string text) => (_terminal is null ? _error : _out).WriteLine(Format.Safe(text));

    /// <summary>A warning: yellow under the table on a terminal, on stderr when piped.</summary>
    public void Warning(string text)
    {
        if (_terminal is null)
            _error.WriteLine(Format.Safe(text));
        else
            _terminal.Write(new Text(Format.Safe(text) + "\n", new Style(Color.Yellow)));
    }

    /// <summary>The header line even without rows, so a script can always skip exactly one line.</summary>
    private void WritePlain(TableRows table)
    {
        WriteLine([.. table.Columns.Select(c => c.Header)]);
        foreach (var row in table.Rows)
            WriteLine([.. row]);
        if (table.Rows.Count == 0)
            _error.WriteLine(Format.Safe(table.WhenEmpty));
        else if (table.Caption is { } caption)
            _error.WriteLine(Format.Safe(caption));
    }

    /// <summary>
    /// One row, full cells joined by tabs. Format.Safe turns every control character, tab and newline included, into
    /// '?', so a peer-supplied name can neither split its row nor add a column nor send escape sequences.
    /// </summary>
    private void WriteLine(params string[] cells) => _out.WriteLine(string.Join('\t', cells.Select(Format.Safe)));

    private static Table Draw(TableRows rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in rows.Columns)
        {
            var drawn = new TableColumn(new Text(column.Header, new Style(decoration: Decoration.Bold)));
            if (column.RightAligned)
                drawn.RightAligned();
            if (column.NoWrap)
                drawn.NoWrap();
            table.AddColumn(drawn);
        }
        // Cells are plain text, never markup: names come from peers and may contain brackets.
        foreach (var row in rows.Rows)
            table.AddRow(row.Select((cell, i) => new Text(Format.Safe(rows.Columns[i].Abbreviate is { } shorten ? shorten(cell) : cell))));
        if (rows.Caption is { } caption)
            table.Caption(Markup.Escape(Format.Safe(caption))); // a caption is markup, and it names the peer
        return table;
    }
}
