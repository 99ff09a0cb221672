using System.Collections.ObjectModel;
using System.Text.RegularExpressions;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Ui;

/// <summary>The web UI in a real browser on a real 3-peer line: search, download, upload, hostile names, keyboard use.</summary>
[Collection(PeerCollection.Name)]
public sealed class WebUiBrowserTests(BrowserNetworkFixture ui) : IClassFixture<BrowserNetworkFixture>
{
    private const string FocusableScript =
        "return [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]" +
        ".filter(e => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length > 0)";

    [ChromiumFact]
    public async Task A_search_from_peer1s_page_finds_a_file_only_peer3_has_with_its_magnet_link()
    {
        ui.Open(1, "#/search?q=dataset&ttl=3");

        var card = ui.Wait().Until(d => d.FindElement(By.CssSelector(".peer-results[data-peer='peer3']")));
        Assert.Contains(BrowserNetworkFixture.Peer3File, card.Text, StringComparison.Ordinal);
        Assert.Single(ui.Driver.FindElements(By.CssSelector(".peer-results")));
        Assert.Contains("complete", ui.Driver.FindElement(By.Id("search-summary")).Text, StringComparison.Ordinal);
        Assert.Equal("dataset", ui.Driver.FindElement(By.Id("search-query")).GetDomProperty("value"));
        var source = Path.Combine(ui.Network[3].SharedDir, BrowserNetworkFixture.Peer3File);
        var hashes = await FileHashes.OfFileAsync(source, CancellationToken.None);
        var link = new MagnetLink(hashes.Sha256, hashes.Tree, new FileInfo(source).Length, BrowserNetworkFixture.Peer3File).ToString();
        Assert.Equal(link, card.FindElement(By.CssSelector("button.copy-link")).GetDomAttribute("data-link"));
        ui.Screenshot("search-dataset");

        // The README's picture: everything on the network, as peer1 sees it.
        ui.Open(1, "#/search?q=*&ttl=3");
        ui.Wait().Until(d => d.FindElements(By.CssSelector(".peer-results")).Count == 3);
        ui.Screenshot("ui-search");
        ui.Driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?>
        {
            ["features"] = new[] { new Dictionary<string, object?> { ["name"] = "prefers-color-scheme", ["value"] = "dark" } },
        });
        try
        {
            var background = (string)ui.Driver.ExecuteScript("return getComputedStyle(document.documentElement).backgroundColor")!;
            Assert.Equal("rgb(15, 20, 32)", background); // the dark theme's --bg
            ui.Screenshot("ui-search-dark");
        }
        finally
        {
            ui.Driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["features"] = Array.Empty<object>() });
        }
    }

    [ChromiumFact]
    public async Task The_network_page_lists_the_neighbour_and_draws_peer3_from_peer2s_peers()
    {
        using (var http = new HttpClient())
        using (var metricsPort = await http.GetAsync(new Uri($"http://127.0.0.1:{ui.Network[1].MetricsPort}/")))
            Assert.Equal(System.Net.HttpStatusCode.NotFound, metricsPort.StatusCode); // the UI is on the REST port only

        ui.Open(1, "#/network");

        var row = ui.Wait().Until(d => d.FindElement(By.CssSelector("#neighbours tr")));
        Assert.Contains(ui.Network[2].Url, row.Text, StringComparison.Ordinal);
        Assert.Contains($"Name\npeer1\nURL\n{ui.Network[1].Url}", ui.Driver.FindElement(By.Id("self-facts")).Text, StringComparison.Ordinal);
        // peer3 is not peer1's neighbour: the graph learns of it from peer2's GET /peers (a cross-origin read).
        ui.Wait().Until(d => d.FindElements(By.CssSelector("#graph svg g")).Count == 3);
        Assert.Contains("peer3", ui.Driver.FindElement(By.Id("graph")).Text, StringComparison.Ordinal);
        ui.Screenshot("network");
    }

    [ChromiumFact]
    public async Task Clicking_download_on_a_hit_saves_the_file_with_the_same_sha256_and_peer3_counts_it()
    {
        ui.Open(1, "#/search?q=peer3-dataset&ttl=3");

        ui.Wait().Until(d => d.FindElement(By.CssSelector(".peer-results[data-peer='peer3'] a.download"))).Click();

        var saved = Path.Combine(ui.DownloadDir, BrowserNetworkFixture.Peer3File);
        var source = Path.Combine(ui.Network[3].SharedDir, BrowserNetworkFixture.Peer3File);
        ui.Wait().Until(_ => File.Exists(saved) && new FileInfo(saved).Length == new FileInfo(source).Length);
        Assert.Equal(TestFiles.Sha256(source), TestFiles.Sha256(saved));
        ui.Screenshot("download");

        // peer3 served it over HTTP: its transfers page shows it, finished.
        ui.Open(3, "#/transfers");
        var row = ui.Wait().Until(d => d.FindElements(By.CssSelector("#transfers tr")).Select(r => r.Text)
            .FirstOrDefault(text => text.Contains(BrowserNetworkFixture.Peer3File, StringComparison.Ordinal) && text.EndsWith("ok", StringComparison.Ordinal)));
        Assert.Contains("HTTP", row, StringComparison.Ordinal);
        Assert.Contains("100 %", row, StringComparison.Ordinal);
        // ...and so do its transfer metrics (one process, so the counts are peer3's alone).
        const string Counted = @"p2p_transfers_total\{[^}]*direction=""download"",outcome=""ok""\} [1-9]";
        var metrics = await Poll.UntilAsync(() => ui.Network[3].Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)),
            text => Regex.IsMatch(text, Counted), TimeSpan.FromSeconds(10), "peer3 to count the download"); // scrapes are cached briefly
        Assert.Matches(@"p2p_transfer_bytes_total\{[^}]*direction=""download""\} [1-9][0-9]{5}", metrics);
        ui.Screenshot("transfers");
    }

    [ChromiumFact]
    public void Uploading_through_the_page_lists_the_file_and_another_peer_finds_it()
    {
        const string name = "uploaded-in-the-browser.txt"; // each fixture starts fresh peers
        var source = Path.Combine(ui.UploadSourceDir, name);
        var sha256 = TestFiles.Write(source, 120_000, seed: 11);
        ui.Open(1, "#/files");

        ui.Driver.FindElement(By.Id("file-input")).SendKeys(source);

        var state = ui.Wait().Until(d => d.FindElement(By.CssSelector("#uploads li .up-state.good")));
        Assert.StartsWith("shared", state.Text, StringComparison.Ordinal);
        ui.Wait().Until(d => d.FindElements(By.CssSelector("#files td.name")).Any(td => td.Text == name));
        Assert.Equal(sha256, TestFiles.Sha256(Path.Combine(ui.Network[1].SharedDir, name)));
        ui.Screenshot("files-after-upload");

        ui.Open(3, $"#/search?q={Uri.EscapeDataString(name)}&ttl=3");
        var card = ui.Wait().Until(d => d.FindElement(By.CssSelector(".peer-results[data-peer='peer1']")));
        Assert.Contains(name, card.Text, StringComparison.Ordinal);
        ui.Screenshot("search-finds-upload");
    }

    [ChromiumFact]
    public void A_hostile_file_name_shows_as_text_and_runs_no_script()
    {
        ui.Open(1, "#/search?q=onerror&ttl=3");
        ui.Wait().Until(d => d.FindElements(By.CssSelector("#search-results td.name")).Any(td => td.Text == BrowserNetworkFixture.HostileName));
        Assert.Empty(ui.Driver.FindElements(By.CssSelector("#search-results img")));
        ui.Screenshot("hostile-name-search");

        ui.Open(3, "#/files");
        ui.Wait().Until(d => d.FindElements(By.CssSelector("#files td.name")).Any(td => td.Text == BrowserNetworkFixture.HostileName));
        Assert.Empty(ui.Driver.FindElements(By.CssSelector("#files img")));

        Assert.Null(ui.Driver.ExecuteScript("return window.pwned"));
        Assert.Throws<NoAlertPresentException>(() => ui.Driver.SwitchTo().Alert());
        ui.Screenshot("hostile-name-files");
    }

    [ChromiumFact]
    public void Every_control_is_reachable_by_tab_and_has_an_accessible_label_and_a_visible_focus()
    {
        foreach (var (route, ready) in new[] { ("#/search?q=only&ttl=3", "#search-results a.download"), ("#/files", "#files a.download") })
        {
            ui.Open(1, route);
            ui.Driver.Navigate().Refresh(); // a fresh document: Tab starts at the top
            ui.Wait().Until(d => d.FindElements(By.CssSelector(ready)).Count > 0);
            var controls = ((ReadOnlyCollection<IWebElement>)ui.Driver.ExecuteScript(FocusableScript)!).ToList();

            var focused = new List<IWebElement>();
            for (var i = 0; i < controls.Count + 2; i++)
            {
                new Actions(ui.Driver).SendKeys(Keys.Tab).Perform();
                if (ui.Driver.ExecuteScript("return document.activeElement") is IWebElement active)
                    focused.Add(active);
            }

            Assert.True(controls.Count >= 6, $"{route}: only {controls.Count} controls found");
            foreach (var control in controls)
            {
                var what = $"{route}: <{control.TagName} id='{control.GetAttribute("id")}'> '{control.Text}'";
                Assert.True(focused.Contains(control), $"{what} never received focus from Tab");
                Assert.False(string.IsNullOrWhiteSpace(((WebElement)control).ComputedAccessibleLabel), $"{what} has no accessible label");
            }
            var outline = ui.Driver.ExecuteScript("return getComputedStyle(document.activeElement).outlineStyle") as string;
            Assert.NotEqual("none", outline);
            ui.Screenshot($"keyboard-{route.TrimStart('#', '/').Split('?')[0]}");
        }
    }
}
