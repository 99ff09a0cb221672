using System.ComponentModel.DataAnnotations;

namespace OrleansP2P.Grains.Options;

/// <summary>Every entry of a list is a host or host:port (<see cref="AllowedHost"/>); one message lists every entry that is not.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class HostListAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var bad = (value as IEnumerable<string> ?? []).Where(entry => !AllowedHost.TryParse(entry, out _)).Select(entry => $"'{entry}'").ToList();
        return bad.Count == 0
            ? ValidationResult.Success
            : ConfigValue.Fail(validationContext,
                $"{string.Join(", ", bad)} {(bad.Count == 1 ? "is not a host" : "are not hosts")} (a name or IP, optionally with a port: files.example.org, 10.0.0.5:8001)");
    }
}
