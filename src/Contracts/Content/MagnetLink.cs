using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using OrleansP2P.Contracts.Files;

namespace OrleansP2P.Contracts.Content;

/// <summary>
/// A link to a content: <c>magnet:?xt=urn:sha256:&lt;sha256&gt;&amp;x.tree=&lt;tree&gt;&amp;xl=&lt;size&gt;&amp;dn=&lt;name&gt;</c>.
/// <c>xt</c> and <c>x.tree</c> are required (the swarm checks every piece against the tree and the whole file
/// against <c>xt</c>); <c>xl</c> and <c>dn</c> may be left out. <c>dn</c>, when present, must be a safe file name.
/// </summary>
public sealed record MagnetLink(string Sha256, string Tree, long? Size, string? Name)
{
    public const string Scheme = "magnet:?";
    public const string UrnPrefix = "urn:sha256:";

    /// <summary>Longest link accepted (a name of 255 bytes, percent-encoded, fits with room to spare).</summary>
    public const int MaxLength = 4096;

    public override string ToString()
    {
        var link = new StringBuilder(Scheme).Append("xt=").Append(UrnPrefix).Append(Sha256).Append("&x.tree=").Append(Tree);
        if (Size is { } size)
            link.Append("&xl=").Append(size.ToString(CultureInfo.InvariantCulture));
        if (Name is not null)
            link.Append("&dn=").Append(Uri.EscapeDataString(Name));
        return link.ToString();
    }

    public static bool IsLink(string? text) => text is not null && text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a link; on failure <paramref name="problem"/> says what is wrong with it.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MagnetLink? link, [NotNullWhen(false)] out string? problem)
    {
        link = null;
        problem = Check(text, out var fields);
        if (problem is not null)
            return false;
        link = new MagnetLink(fields.Sha256!, fields.Tree!, fields.Size, fields.Name);
        return true;
    }

    private static string? Check(string? text, out (string? Sha256, string? Tree, long? Size, string? Name) fields)
    {
        fields = default;
        if (!IsLink(text))
            return "a link starts with magnet:?";
        if (text!.Length > MaxLength)
            return $"the link is longer than {MaxLength} characters";
        foreach (var pair in text[Scheme.Length..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = eq < 0 ? pair : pair[..eq];
            string value;
            try
            {
                value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
            catch (UriFormatException)
            {
                return $"the link's {key} is not valid percent-encoding";
            }
            switch (key.ToLowerInvariant())
            {
                case "xt" when fields.Sha256 is not null:
                    return "the link has more than one xt";
                case "xt" when !value.StartsWith(UrnPrefix, StringComparison.OrdinalIgnoreCase) || !Sha256Hex.IsValid(value[UrnPrefix.Length..]):
                    return "the link's xt must be urn:sha256: and 64 hex digits";
                case "xt":
                    fields.Sha256 = value[UrnPrefix.Length..].ToLowerInvariant();
                    break;
                case "x.tree" when !Sha256Hex.IsValid(value):
                    return "the link's x.tree must be 64 hex digits";
                case "x.tree":
                    fields.Tree = value.ToLowerInvariant();
                    break;
                case "xl":
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                        return "the link's xl must be a size in bytes";
                    fields.Size = size;
                    break;
                case "dn" when SafeFileName.Problem(value) is { } unsafeName:
                    return $"the link's dn is not a safe file name: {unsafeName}";
                case "dn":
                    fields.Name = value;
                    break;
            }
        }
        if (fields.Sha256 is null)
            return "the link has no xt=urn:sha256:<hex>";
        if (fields.Tree is null)
            return "the link has no x.tree";
        return null;
    }
}
