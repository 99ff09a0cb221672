using OrleansP2P.Grains;

namespace OrleansP2P.Api.Tests.PeerClient;

/// <summary>
/// The real <see cref="HttpPeerClient"/> against a <see cref="RoguePeer"/> over real sockets: answers that are not
/// what the contract promises are failed calls (<see cref="PeerCallException"/>), never values handed on.
/// </summary>
public sealed class HttpPeerClientRogueTests : IAsyncLifetime, IDisposable
{
    private readonly RoguePeer _rogue = new();
    private readonly RealPeerClient _peer = new();

    public async Task InitializeAsync() => await _rogue.StartAsync();

    public async Task DisposeAsync() => await _rogue.DisposeAsync();

    public void Dispose() => _peer.Dispose();

    [Fact]
    public async Task A_health_answer_naming_the_peer_with_64_characters_is_accepted()
    {
        var name = new string('n', 64);
        _rogue.Health = Health(name);

        Assert.Equal(name, (await _peer.Client.GetHealthAsync(_rogue.Url, CancellationToken.None)).Name);
    }

    [Theory]
    [InlineData(65)]
    [InlineData(15_000_000)]
    public async Task A_health_answer_naming_the_peer_with_more_than_64_characters_is_a_failed_probe(int length)
    {
        _rogue.Health = Health(new string('n', length));

        await Assert.ThrowsAsync<PeerCallException>(() => _peer.Client.GetHealthAsync(_rogue.Url, CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad\\u0000name")]
    [InlineData("line\\nbreak")]
    public async Task A_health_answer_with_an_empty_or_control_character_name_is_a_failed_probe(string name)
    {
        _rogue.Health = Health(name);

        await Assert.ThrowsAsync<PeerCallException>(() => _peer.Client.GetHealthAsync(_rogue.Url, CancellationToken.None));
    }

    [Fact]
    public async Task A_health_answer_with_a_null_name_is_a_failed_probe()
    {
        _rogue.Health = RogueAnswers.Json("""{"status":"ok","peer":null,"version":1}""");

        await Assert.ThrowsAsync<PeerCallException>(() => _peer.Client.GetHealthAsync(_rogue.Url, CancellationToken.None));
    }

    [Fact]
    public async Task An_answer_that_breaks_the_contract_is_an_invalid_answer_and_a_refusal_is_not()
    {
        _rogue.Peers = RogueAnswers.Json("<html>not json</html>", "text/html");
        var invalid = await Assert.ThrowsAsync<PeerCallException>(() => _peer.Client.GetPeersAsync(_rogue.Url, CancellationToken.None));
        _rogue.Peers = RogueAnswers.Json("""{"title":"down"}""", status: 503);
        var refused = await Assert.ThrowsAsync<PeerCallException>(() => _peer.Client.GetPeersAsync(_rogue.Url, CancellationToken.None));

        Assert.True(invalid.InvalidAnswer);
        Assert.Contains(_rogue.Url, invalid.Message, StringComparison.Ordinal);
        Assert.False(refused.InvalidAnswer);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.Status);
    }

    [Fact]
    public async Task A_register_answer_lists_peers_in_canonical_form_and_one_bad_url_fails_the_call()
    {
        _rogue.Register = RogueAnswers.Json("""{"ok":true,"peers":["HTTP://Peer.Example:8001/"]}""");
        var peers = await _peer.Client.RegisterAsync(_rogue.Url, "http://127.0.0.1:1", CancellationToken.None);
        _rogue.Register = RogueAnswers.Json("""{"ok":true,"peers":["http://peer.example:8001","http://169.254.169.254/latest/meta-data"]}""");

        Assert.Equal<string>(["http://peer.example:8001"], peers);
        var e = await Assert.ThrowsAsync<PeerCallException>(() => _peer.Client.RegisterAsync(_rogue.Url, "http://127.0.0.1:1", CancellationToken.None));
        Assert.True(e.InvalidAnswer);
    }

    [Fact]
    public async Task A_silent_or_dripping_peer_is_given_up_at_the_callers_deadline()
    {
        _rogue.Health = RogueAnswers.Silence;
        _rogue.Peers = RogueAnswers.Drip("""{"peers":[]}""", TimeSpan.FromMilliseconds(50));

        using (var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _peer.Client.GetHealthAsync(_rogue.Url, deadline.Token));
        using (var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _peer.Client.GetPeersAsync(_rogue.Url, deadline.Token));
    }

    private static RogueAnswer Health(string jsonEscapedName) =>
        RogueAnswers.Json($$"""{"status":"ok","peer":"{{jsonEscapedName}}","version":1}""");
}
