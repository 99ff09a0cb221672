namespace OrleansP2P.Integration.Tests.Ui;

/// <summary>A fact that drives Debian's headless Chromium (packages <c>chromium</c> and <c>chromium-driver</c>; .ci/run installs them).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    public ChromiumFactAttribute()
    {
        if (!IsInstalled)
            Skip = $"{Browser} or {Driver} is missing (apt-get install chromium chromium-driver)";
    }

    public static bool IsInstalled => File.Exists(Browser) && File.Exists(Driver);
}
