using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using OrleansP2P.Contracts.Content;

namespace OrleansP2P.Integration.Tests.Ui;

/// <summary>
/// One real 3-peer line (peer1 — peer2 — peer3, uploads accepted, <see cref="ServeRate"/>) and one headless Chromium for a whole test class.
/// peer3 alone shares <see cref="Peer3File"/>, a file named like an HTML injection, and two files for peer1 to download
/// through its own <c>/downloads</c> (<see cref="PastedFile"/>, <see cref="HitFile"/>). Nothing starts when Chromium is
/// missing (the tests are skipped then).
/// </summary>
public sealed class BrowserNetworkFixture : IAsyncLifetime
{
    public const string Peer3File = "peer3-dataset.bin";
    public const string HostileName = "<img src=x onerror=window.pwned=1>.txt";
    public const string PastedFile = "peer3-pasted.bin";
    public const string HitFile = "peer3-hit.bin";
    public const long PeerDownloadSize = 2L << 20;

    /// <summary>Every peer serves at most this many bytes per second, so a download run by the peer is seen under way.</summary>
    public const long ServeRate = 256 * 1024;
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private PeerNetwork? _network;
    private ChromeDriver? _driver;

    public PeerNetwork Network => _network ?? throw new InvalidOperationException("the fixture is not initialised");

    public ChromeDriver Driver => _driver ?? throw new InvalidOperationException("the fixture is not initialised");

    /// <summary>Where the browser saves downloads.</summary>
    public string DownloadDir { get; } = Directory.CreateTempSubdirectory("p2p-ui-downloads-").FullName;

    /// <summary>Files the browser uploads are made here.</summary>
    public string UploadSourceDir { get; } = Directory.CreateTempSubdirectory("p2p-ui-uploads-").FullName;

    /// <summary>Screenshots land here (in the test output, next to the test assembly).</summary>
    public static string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!ChromiumFactAttribute.IsInstalled)
            return;
        _network = await PeerNetwork.StartAsync(3, PeerNetwork.Line(3), (i, dir) =>
        {
            PeerNetwork.OneFileEach(i, dir);
            if (i != 3)
                return;
            TestFiles.Write(Path.Combine(dir, Peer3File), 300_000, seed: 3);
            File.WriteAllText(Path.Combine(dir, HostileName), "a file name is text, never HTML\n");
            TestFiles.Write(Path.Combine(dir, PastedFile), PeerDownloadSize, seed: 25);
            TestFiles.Write(Path.Combine(dir, HitFile), PeerDownloadSize + 4321, seed: 26);
        }, new Dictionary<string, object?> { ["accept_uploads"] = true, ["upload_rate_limit"] = ServeRate });
        await Task.WhenAll(_network.Peers.Select((p, i) => p.WaitForFilesAsync(i == 2 ? 5 : 1)));
        _driver = StartBrowser(DownloadDir);
    }

    public Task DisposeAsync()
    {
        _driver?.Quit();
        _driver?.Dispose();
        Directory.Delete(DownloadDir, recursive: true);
        Directory.Delete(UploadSourceDir, recursive: true);
        return _network?.DisposeAsync().AsTask() ?? Task.CompletedTask;
    }

    /// <summary>Opens <paramref name="hashRoute"/> (e.g. <c>#/files</c>) on peer <paramref name="peer"/>'s page and waits for the app.</summary>
    public void Open(int peer, string hashRoute)
    {
        Driver.Navigate().GoToUrl($"{Network[peer].Url}/{hashRoute}");
        Wait().Until(d => (string?)((IJavaScriptExecutor)d).ExecuteScript("return document.documentElement.dataset.ready") == "true");
    }

    /// <summary>The magnet link of one of peer <paramref name="peer"/>'s files, from its own listing.</summary>
    public async Task<MagnetLink> LinkAsync(int peer, string name)
    {
        var file = (await Network[peer].GetJsonAsync("/files")).GetProperty("files").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);
        return new MagnetLink(file.GetProperty("checksum").GetString()!, file.GetProperty("tree").GetString()!, file.GetProperty("size").GetInt64(), name);
    }

    /// <summary>The downloads peer <paramref name="peer"/> runs (<c>GET /downloads</c>).</summary>
    public async Task<List<JsonElement>> DownloadsAsync(int peer) =>
        [.. (await Network[peer].GetJsonAsync("/downloads")).GetProperty("downloads").EnumerateArray()];

    public WebDriverWait Wait(TimeSpan? timeout = null)
    {
        var wait = new WebDriverWait(Driver, timeout ?? Deadline);
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait;
    }

    public string Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotDir);
        var path = Path.Combine(ScreenshotDir, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    private static ChromeDriver StartBrowser(string downloadDir)
    {
        var options = new ChromeOptions { BinaryLocation = ChromiumFactAttribute.Browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
            "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-sync", "--force-prefers-reduced-motion");
        options.AddUserProfilePreference("download.default_directory", downloadDir);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        options.AddUserProfilePreference("safebrowsing.enabled", false);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromiumFactAttribute.Driver)!, Path.GetFileName(ChromiumFactAttribute.Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.ExecuteCdpCommand("Browser.setDownloadBehavior", new Dictionary<string, object?>
        {
            ["behavior"] = "allow",
            ["downloadPath"] = downloadDir,
        });
        return driver;
    }
}
