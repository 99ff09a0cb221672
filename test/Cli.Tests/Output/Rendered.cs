using OrleansP2P.Cli.Output;

namespace OrleansP2P.Cli.Tests.Output;

/// <summary>What a renderer wrote to stdout and stderr, captured in memory.</summary>
public sealed record Rendered(string Out, string Error)
{
    /// <summary>A 120-character file name: far wider than a table cell at 80 columns.</summary>
    public static readonly string LongName = "acc_p1_" + new string('n', 103) + "_hello.txt";

    public static readonly string Sha256 = string.Concat(Enumerable.Repeat("0123456789abcdef", 4));

    public static Rendered Piped(Action<TableOutput> render) => Render(render, terminal: false);

    public static Rendered OnTerminal(Action<TableOutput> render) => Render(render, terminal: true);

    /// <summary>Stdout split at line ends, as grep sees it; every line, the last included, must be terminated.</summary>
    public string[] Lines
    {
        get
        {
            Assert.EndsWith(Environment.NewLine, Out, StringComparison.Ordinal);
            return Out[..^Environment.NewLine.Length].Split(Environment.NewLine);
        }
    }

    /// <summary>Stdout holds no box-drawing or block characters and no escape sequences.</summary>
    public void AssertPlain()
    {
        Assert.DoesNotContain(Out, c => c is >= '\u2500' and <= '\u259F');
        Assert.DoesNotContain('\u001b', Out);
    }

    private static Rendered Render(Action<TableOutput> render, bool terminal)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        render(new TableOutput(output, error, terminal));
        return new Rendered(output.ToString(), error.ToString());
    }
}
