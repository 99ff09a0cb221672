using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.RegularExpressions;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Ui;

/// <summary>
/// The web UI in a real browser on a real 3-peer line: search, download, upload, downloads run by the peer, hostile names,
/// keyboard use.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class WebUiBrowserTests(BrowserNetworkFixture ui) : IClassFixture<BrowserNetworkFixture>
{
    private const string FocusableScript =
        "return [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]" +
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
    public async Task Uploading_through_the_page_lists_the_file_and_another_peer_finds_it()
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

        // A new name reaches peer3's forwarding decision through the routing tables (peer2 fetches peer1's, peer3 peer2's,
        // each twice per health interval): until then a search from peer3 rightly skips peer2. The page searches once.
        await Poll.UntilAsync(() => ui.Network.SearchAsync(3, name, 3), answer => PeerNetwork.PeersWithHits(answer).Contains("peer1"),
            "peer3's routing to carry the uploaded name");
        ui.Open(3, $"#/search?q={Uri.EscapeDataString(name)}&ttl=3");
        var card = ui.Wait().Until(d => d.FindElement(By.CssSelector(".peer-results[data-peer='peer1']")));
        Assert.Contains(name, card.Text, StringComparison.Ordinal);
        ui.Screenshot("search-finds-upload");
    }

    [ChromiumFact]
    public async Task A_magnet_link_pasted_on_transfers_is_downloaded_by_the_peer_with_its_progress_and_then_listed_on_files()
    {
        var link = await ui.LinkAsync(3, BrowserNetworkFixture.PastedFile);
        ui.Open(1, "#/transfers");
        var input = ui.Driver.FindElement(By.Id("download-link"));
        var button = ui.Driver.FindElement(By.Id("download-button"));

        // A malformed link: the peer's 400 detail shows next to the field, which is marked invalid.
        input.SendKeys("magnet:?xt=urn:sha256:abc");
        button.Click();
        var message = ui.Wait().Until(d => d.FindElement(By.CssSelector("#download-link-message.bad")));
        Assert.Contains("is not a usable magnet link", message.Text, StringComparison.Ordinal);
        Assert.Equal("true", input.GetDomAttribute("aria-invalid"));

        input.Clear();
        input.SendKeys(link.ToString());
        button.Click();
        ui.Wait().Until(d => d.FindElement(By.Id("download-link-message")).Text == $"Queued: {link.Name}.");
        Assert.Null(input.GetDomAttribute("aria-invalid"));
        Assert.Equal("", input.GetDomProperty("value"));

        // The job's row while it runs (peers serve at ServeRate: about 8 s for the file): a progress bar over the file's size,
        // and its one holder, peer3, in the holders' details.
        var row = $"#downloads tr[data-id='{link.Sha256}']";
        var size = link.Size!.Value.ToString(CultureInfo.InvariantCulture);
        var running = ui.Wait().Until(d =>
        {
            var active = d.FindElement(By.CssSelector($"{row}[data-state='active']"));
            var bar = active.FindElement(By.CssSelector($"progress[max='{size}']"));
            return active.Text.Contains("1 holder", StringComparison.Ordinal)
                ? new
                {
                    Label = ((WebElement)bar).ComputedAccessibleLabel, active.Text,
                    Holders = active.FindElement(By.CssSelector("details.holders")).GetDomProperty("textContent"),
                    Action = active.FindElement(By.CssSelector("button.job-action")).Text,
                }
                : null;
        });
        Assert.Equal($"Progress of {link.Name}", running.Label);
        Assert.Matches(@" of 2\.00 MiB \([0-9]{1,2} %\)", running.Text);
        Assert.Contains($"{new Uri(ui.Network[3].Url).Authority} · ", running.Holders, StringComparison.Ordinal);
        Assert.Contains(" · 0 bad pieces", running.Holders, StringComparison.Ordinal);
        Assert.Equal("Cancel", running.Action);
        ui.Screenshot("transfers-download-running");

        // Then done: every byte verified, the file in peer1's shared folder, the button now Remove.
        var done = ui.Wait(TimeSpan.FromSeconds(60)).Until(d => d.FindElement(By.CssSelector($"{row}[data-state='done']")));
        Assert.Equal(size, done.FindElement(By.TagName("progress")).GetDomAttribute("value"));
        Assert.Contains("2.00 MiB of 2.00 MiB (100 %)", done.Text, StringComparison.Ordinal);
        Assert.Equal("Remove", done.FindElement(By.CssSelector("button.job-action")).Text);
        Assert.Equal(link.Sha256, TestFiles.Sha256(Path.Combine(ui.Network[1].SharedDir, BrowserNetworkFixture.PastedFile)));
        ui.Screenshot("transfers-downloads");

        ui.Open(1, "#/files");
        ui.Wait().Until(d => d.FindElements(By.CssSelector("#files td.name")).Any(td => td.Text == BrowserNetworkFixture.PastedFile));
    }

    [ChromiumFact]
    public async Task Download_to_this_peer_on_a_search_hit_starts_a_job_on_the_searching_peer()
    {
        var link = await ui.LinkAsync(3, BrowserNetworkFixture.HitFile);
        ui.Open(1, "#/search?q=peer3-hit&ttl=3");

        var card = ui.Wait().Until(d => d.FindElement(By.CssSelector(".peer-results[data-peer='peer3']")));
        var button = card.FindElement(By.CssSelector("button.download-here"));
        Assert.Equal("Download to this peer", button.Text);
        Assert.Equal(link.ToString(), button.GetDomAttribute("data-link"));
        button.Click();

        var outcome = card.FindElement(By.CssSelector(".hit-download-state"));
        ui.Wait().Until(_ => outcome.Text == "queued · see Transfers");
        var jobs = await Poll.UntilAsync(() => ui.DownloadsAsync(1), list => list.Any(j => j.GetProperty("id").GetString() == link.Sha256),
            "peer1 listing the job");
        Assert.Equal(BrowserNetworkFixture.HitFile, jobs.Single(j => j.GetProperty("id").GetString() == link.Sha256).GetProperty("name").GetString());
        ui.Screenshot("search-download-to-this-peer");

        // Pressed again, the same link is a job the peer already knows.
        button.Click();
        ui.Wait().Until(_ => outcome.Text.StartsWith("already known (", StringComparison.Ordinal));

        // The link beside the outcome leads to the job; then the job is cancelled, so the next test starts from a quiet peer.
        outcome.FindElement(By.LinkText("see Transfers")).Click();
        ui.Wait().Until(d => d.FindElement(By.CssSelector($"#downloads tr[data-id='{link.Sha256}']")));
        Assert.EndsWith("#/transfers", ui.Driver.Url, StringComparison.Ordinal);
        using var removed = await ui.Network[1].Http.DeleteAsync(new Uri($"/downloads/{link.Sha256}", UriKind.Relative));
        Assert.True(removed.IsSuccessStatusCode, $"DELETE /downloads/{link.Sha256[..8]}: {removed.StatusCode}");
    }

    [ChromiumFact]
    public async Task A_link_no_peer_holds_waits_with_its_reason_and_cancel_then_remove_take_it_off_the_list()
    {
        var link = new MagnetLink(new string('a', 64), new string('b', 64), 1_000_000, "held-by-nobody.bin");
        ui.Open(1, "#/transfers");

        ui.Driver.FindElement(By.Id("download-link")).SendKeys(link.ToString());
        ui.Driver.FindElement(By.Id("download-button")).Click();

        // The holders search finds nobody: the job stays active and says why.
        var row = $"#downloads tr[data-id='{link.Sha256}']";
        var reason = ui.Wait(TimeSpan.FromSeconds(30)).Until(d => d.FindElement(By.CssSelector($"{row}[data-state='active'] .job-error")));
        Assert.StartsWith("no peer in reach holds this content yet", reason.Text, StringComparison.Ordinal);
        var cancel = ui.Driver.FindElement(By.CssSelector($"{row} button.job-action"));
        Assert.Equal(("Cancel", "Cancel the download of held-by-nobody.bin"), (cancel.Text, ((WebElement)cancel).ComputedAccessibleLabel));
        ui.Screenshot("transfers-download-waiting");

        cancel.Click();
        var remove = ui.Wait().Until(d => d.FindElement(By.CssSelector($"{row}[data-state='cancelled'] button.job-action")));
        Assert.Equal("Remove", remove.Text);
        Assert.Equal("action:" + link.Sha256, ui.Driver.SwitchTo().ActiveElement().GetDomAttribute("data-key")); // the focus stays on the row's button
        Assert.Equal("cancelled", (await ui.DownloadsAsync(1)).Single(j => j.GetProperty("id").GetString() == link.Sha256).GetProperty("state").GetString());

        remove.Click();
        ui.Wait().Until(d => d.FindElements(By.CssSelector(row)).Count == 0);
        Assert.DoesNotContain(await ui.DownloadsAsync(1), j => j.GetProperty("id").GetString() == link.Sha256);
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
        foreach (var (route, ready) in new[]
        {
            ("#/search?q=only&ttl=3", "#search-results a.download"), ("#/files", "#files a.download"), ("#/transfers", "#downloads tr"),
        })
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
