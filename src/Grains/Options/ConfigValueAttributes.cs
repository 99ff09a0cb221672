using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using OrleansP2P.Contracts;

namespace OrleansP2P.Grains.Options;

// Single-key rules for PeerOptions that the stock DataAnnotations do not cover. Each reports the
// member it checks, like the stock ones; PeerOptionsValidator turns member names into config keys.
// Empty values pass unless the rule says otherwise: [Required] is what makes a key mandatory.

/// <summary>
/// A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>. Not <c>[Range]</c>:
/// the Options source generator swaps <c>[Range]</c> for a copy of its own that ignores
/// <c>ErrorMessage</c>. In <c>ErrorMessage</c>, {0} is the value, {1} and {2} the bounds.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class BetweenAttribute(long minimum, long maximum) : ValidationAttribute("must be between {1} and {2} (got {0})")
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is null || Convert.ToInt64(value, CultureInfo.InvariantCulture) is var n && n >= minimum && n <= maximum
            ? ValidationResult.Success
            : ConfigValue.Fail(validationContext, string.Format(CultureInfo.InvariantCulture, ErrorMessageString, value, minimum, maximum));
}

/// <summary>A TCP port, 1 to 65535.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class PortAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is null or int and >= 1 and <= 65535
            ? ValidationResult.Success
            : ConfigValue.Fail(validationContext, $"a port between 1 and 65535 (got {value})");
}

/// <summary>A peer URL in a form <see cref="PeerUrl"/> accepts; empty only with <see cref="Optional"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class PeerUrlAttribute : ValidationAttribute
{
    /// <summary>An empty value means "none" (the friends) instead of failing (<c>self_url</c>).</summary>
    public bool Optional { get; set; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var url = value as string;
        if (Optional && string.IsNullOrWhiteSpace(url))
            return ValidationResult.Success;
        return PeerUrl.TryCanonicalize(url, out _, out var error) ? ValidationResult.Success : ConfigValue.Fail(validationContext, error);
    }
}

/// <summary>An address Kestrel can listen on: an IP address or <c>localhost</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class IpOrLocalhostAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is "localhost" || IPAddress.TryParse(value as string, out _)
            ? ValidationResult.Success
            : ConfigValue.Fail(validationContext, "an IP address (0.0.0.0, 127.0.0.1, ...) or localhost");
}

/// <summary>Every entry of a list is a CIDR range.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class CidrListAttribute() : EntryListAttribute("is not a CIDR range", "are not CIDR ranges", "for example 10.0.0.0/16")
{
    protected override bool IsValidEntry(string entry) => IPNetwork.TryParse(entry, out _);
}

/// <summary>A folder that exists when the peer starts.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ExistingFolderAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string path || string.IsNullOrWhiteSpace(path) || Directory.Exists(path)
            ? ValidationResult.Success
            : ConfigValue.Fail(validationContext, $"folder '{path}' does not exist");
}

/// <summary>A file that exists when the peer starts.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ExistingFileAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string path || string.IsNullOrWhiteSpace(path) || File.Exists(path)
            ? ValidationResult.Success
            : ConfigValue.Fail(validationContext, $"file '{path}' does not exist");
}

internal static class ConfigValue
{
    /// <summary>A failure for the member being validated, as the stock attributes report one.</summary>
    public static ValidationResult Fail(ValidationContext context, string message) =>
        new(message, context.MemberName is { } member ? [member] : null);
}
