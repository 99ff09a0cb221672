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

        Assert.Equal(name, await _peer.Client.GetHealthAsync(_rogue.Url, CancellationToken.None));
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

    private static RogueAnswer Health(string jsonEscapedName) =>
        RogueAnswers.Json($$"""{"status":"ok","peer":"{{jsonEscapedName}}","version":1}""");
}
