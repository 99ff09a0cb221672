namespace OrleansP2P.Grains.Options;

/// <summary>Every entry of a list is a host or host:port (<see cref="AllowedHost"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class HostListAttribute()
    : EntryListAttribute("is not a host", "are not hosts", "a name or IP, optionally with a port: files.example.org, 10.0.0.5:8001")
{
    protected override bool IsValidEntry(string entry) => AllowedHost.TryParse(entry, out _);
}
