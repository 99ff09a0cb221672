using System.Collections.Frozen;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OrleansP2P.Grains.Options;

/// <summary>
/// Validates <see cref="PeerOptions"/>: the one-key rules (its attributes, through
/// <see cref="PeerOptionsAnnotationValidator"/>), then the cross-key rules
/// (<see cref="PeerOptionsCrossKeyValidator"/>). Every failure starts with the config key it is about.
/// </summary>
public sealed class PeerOptionsValidator : IValidateOptions<PeerOptions>
{
    /// <summary>C# member name to config key (<c>SearchTtl</c> to <c>search_ttl</c>), from <see cref="ConfigurationKeyNameAttribute"/>.</summary>
    private static readonly FrozenDictionary<string, string> Keys = typeof(PeerOptions).GetProperties()
        .Select(p => (Member: p.Name, Key: p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name))
        .Where(p => p.Key is not null)
        .ToFrozenDictionary(p => p.Member, p => p.Key!, StringComparer.Ordinal);

    private readonly PeerOptionsAnnotationValidator _annotations = new();
    private readonly PeerOptionsCrossKeyValidator _crossKey = new();

    public ValidateOptionsResult Validate(string? name, PeerOptions options)
    {
        var failures = new List<string>();
        var single = _annotations.Validate(name, options);
        if (single.Failed)
            failures.AddRange(single.Failures.Select(WithConfigKey));
        var cross = _crossKey.Validate(name, options);
        if (cross.Failed)
            failures.AddRange(cross.Failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// The generated validator starts each failure with the member name (<c>SearchTtl: must be ...</c>);
    /// a user knows the key in the config file (<c>search_ttl: must be ...</c>).
    /// </summary>
    private static string WithConfigKey(string failure)
    {
        var colon = failure.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && Keys.TryGetValue(failure[..colon], out var key) ? key + failure[colon..] : failure;
    }
}

/// <summary>
/// The one-key rules: the Options source generator implements this from the DataAnnotations on
/// <see cref="PeerOptions"/>. Its failures name C# members; use <see cref="PeerOptionsValidator"/>.
/// </summary>
[OptionsValidator]
internal sealed partial class PeerOptionsAnnotationValidator : IValidateOptions<PeerOptions>;
