namespace OrleansP2P.Cli.Tests.Credentials;

/// <summary>
/// The network key goes as <c>Authorization: Bearer</c> on REST calls only where nobody on the path can read it:
/// over https, or to a loopback address. A plain-http peer elsewhere is a usage error before anything is sent.
/// </summary>
[Collection(ProcessState.Name)]
public sealed class BearerTests : IDisposable
{
    private const string Key = "cli-tests-network-key-0123456789";

    public BearerTests() => CliCredentials.Apply(CliApp.Create().Parse(["--key", Key, "files"]));

    public void Dispose() => ProcessState.ForgetCredentials();

    [Theory]
    [InlineData("http://10.0.1.5:8001/")]
    [InlineData("http://peer.example:8001/")]
    [InlineData("http://[2001:db8::1]:8001/")]
    [InlineData("http://127.0.0.1.nip.io:8001/")]
    public void The_key_is_not_sent_in_clear_to_a_peer_that_is_not_loopback(string url)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        var error = Assert.Throws<CliException>(() => CliCredentials.Authorize(http));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("https", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
        Assert.Null(http.DefaultRequestHeaders.Authorization);
    }

    [Theory]
    [InlineData("https://10.0.1.5:8001/")]
    [InlineData("https://peer.example/")]
    [InlineData("http://127.0.0.1:8001/")]
    [InlineData("http://127.45.6.7:8001/")]
    [InlineData("http://[::1]:8001/")]
    [InlineData("http://localhost:8001/")]
    [InlineData("http://LocalHost:8001/")]
    public void The_key_goes_as_bearer_over_https_or_to_a_loopback_address(string url)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        CliCredentials.Authorize(http);

        Assert.Equal("Bearer", http.DefaultRequestHeaders.Authorization?.Scheme);
        Assert.Equal(Key, http.DefaultRequestHeaders.Authorization?.Parameter);
    }

    [Fact]
    public void Without_a_key_nothing_is_sent_and_any_peer_is_fine()
    {
        ProcessState.ForgetCredentials();
        using var http = new HttpClient { BaseAddress = new Uri("http://10.0.1.5:8001/") };

        CliCredentials.Authorize(http);

        Assert.Null(http.DefaultRequestHeaders.Authorization);
    }

    [Fact]
    public async Task A_command_with_a_key_and_a_plain_http_peer_elsewhere_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("files", "--peer", "http://192.0.2.1:8001", "--key", Key);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        run.AssertOneErrorLine("http://192.0.2.1:8001", "https");
        Assert.DoesNotContain(Key, run.Error, StringComparison.Ordinal);
    }
}
