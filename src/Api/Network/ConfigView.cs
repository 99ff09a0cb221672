using System.Reflection;
using Microsoft.Extensions.Configuration;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Network;

/// <summary>The effective configuration by its config keys, for <c>/status</c>, with secrets redacted.</summary>
public static class ConfigView
{
    private static readonly string[] SecretMarkers = ["key", "secret", "password", "token", "redis"];

    private static readonly (string Key, PropertyInfo Property)[] Keys =
    [
        .. typeof(PeerOptions).GetProperties()
            .Select(p => (Key: p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name, Property: p))
            .Where(k => k.Key is not null)
            .Select(k => (k.Key!, k.Property))
            .OrderBy(k => k.Item1, StringComparer.Ordinal),
    ];

    public static IReadOnlyDictionary<string, object?> Of(PeerOptions options) =>
        Keys.ToDictionary(
            k => k.Key,
            k => SecretMarkers.Any(m => k.Key.Contains(m, StringComparison.Ordinal)) && k.Property.GetValue(options) is string { Length: > 0 }
                ? "***"
                : k.Property.GetValue(options));
}
