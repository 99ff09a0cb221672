using System.ComponentModel.DataAnnotations;

namespace OrleansP2P.Grains.Options;

/// <summary>
/// Every entry of a list passes <see cref="IsValidEntry"/>; one message lists every entry that does not, then what a
/// good one looks like (<c>'a', 'b' are not CIDR ranges (for example 10.0.0.0/16)</c>).
/// </summary>
internal abstract class EntryListAttribute(string isNot, string areNot, string example) : ValidationAttribute
{
    protected abstract bool IsValidEntry(string entry);

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var bad = (value as IEnumerable<string> ?? []).Where(entry => !IsValidEntry(entry)).Select(entry => $"'{entry}'").ToList();
        return bad.Count == 0
            ? ValidationResult.Success
            : ConfigValue.Fail(validationContext, $"{string.Join(", ", bad)} {(bad.Count == 1 ? isNot : areNot)} ({example})");
    }
}
