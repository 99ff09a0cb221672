using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>Reads samples out of Prometheus text exposition.</summary>
public static partial class PrometheusText
{
    /// <summary>The value of the sample of <paramref name="name"/> whose labels include <paramref name="label"/> (e.g. <c>budget="client"</c>); 0 when absent.</summary>
    public static double Value(string text, string name, string label)
    {
        foreach (Match sample in Sample().Matches(text))
        {
            if (sample.Groups["name"].Value == name && sample.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
                return double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return 0;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
