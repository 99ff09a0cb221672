using Microsoft.AspNetCore.Http.Features;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// The <c>{name}</c> of <c>/files/{name}</c>, percent-decoded exactly once from the raw request target. The server
/// decodes every escape in the path except <c>%2F</c>, so the route value of <c>a%2Fb</c> would be the literal text
/// <c>a%2Fb</c>; decoding the raw segment instead gives <c>a/b</c>, which <see cref="Contracts.Files.SafeFileName"/>
/// refuses, and keeps a real <c>%</c> in a name (sent as <c>%25</c>) intact. Without a raw target (in-memory test
/// servers), the route value's remaining <c>%2F</c> is decoded: an ambiguous name then fails safe, as unsafe.
/// </summary>
public static class FileRouteName
{
    private const string Prefix = "/files/";

    public static string Of(HttpContext context, string routeValue)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (raw.Contains("://", StringComparison.Ordinal)) // absolute-form request target
            raw = raw.IndexOf('/', raw.IndexOf("://", StringComparison.Ordinal) + 3) is var slash and >= 0 ? raw[slash..] : "";
        if (!raw.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase); // the one escape the server left
        var end = raw.IndexOfAny(['?', '#'], Prefix.Length);
        var segment = end < 0 ? raw[Prefix.Length..] : raw[Prefix.Length..end];
        return Uri.UnescapeDataString(segment);
    }
}
