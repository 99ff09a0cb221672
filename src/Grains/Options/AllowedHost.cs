using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OrleansP2P.Grains.Options;

/// <summary>
/// One <c>allowed_hosts</c> entry: a host name or IP literal (IPv6 in brackets), with a port (<c>files.example.org:8443</c>:
/// that port only) or without (<c>files.example.org</c>: any port). <see cref="Host"/> is kept without brackets and in
/// its ASCII (punycode) form, as browsers send it.
/// </summary>
public sealed record AllowedHost(string Host, int? Port)
{
    public static bool TryParse(string? entry, [NotNullWhen(true)] out AllowedHost? parsed)
    {
        parsed = null;
        entry = entry?.Trim();
        if (string.IsNullOrEmpty(entry) || entry.Contains('/', StringComparison.Ordinal)
            || !Uri.TryCreate($"http://{entry}/", UriKind.Absolute, out var uri)
            || uri.UserInfo.Length > 0 || uri.PathAndQuery != "/" || uri.Fragment.Length > 0
            || uri.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
            return false;
        var port = uri.Port.ToString(CultureInfo.InvariantCulture);
        parsed = new AllowedHost(Normalize(uri.IdnHost), entry.EndsWith(":" + port, StringComparison.Ordinal) ? uri.Port : null);
        return true;
    }

    public static AllowedHost Parse(string entry) =>
        TryParse(entry, out var parsed) ? parsed : throw new FormatException($"'{entry}' is not a host or host:port");

    /// <summary>A host as compared here: no IPv6 brackets (case is ignored when comparing).</summary>
    public static string Normalize(string host) => host.Trim('[', ']');

    /// <summary>Whether <paramref name="host"/> on <paramref name="port"/> is this entry.</summary>
    public bool Matches(string host, int port) =>
        string.Equals(Host, Normalize(host), StringComparison.OrdinalIgnoreCase) && (Port is null || Port == port);
}
