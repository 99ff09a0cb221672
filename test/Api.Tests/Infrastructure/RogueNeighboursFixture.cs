
namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// A peer whose two friends are <see cref="RoguePeer"/>s: the real peer registers with both at start and forwards
/// every search with ttl ≥ 1 to them through its real peer client (real sockets). Searches are small and quick
/// (<c>search_max_results</c> 50, a 1 s deadline); health polls are frequent and never give up on a neighbour, so a
/// rogue that missed some deadlines is still asked by the next test.
/// </summary>
public sealed class RogueNeighboursFixture : PeerFixture
{
    public const int MaxResults = 50;

    public RogueNeighboursFixture()
    {
        ConfigOverrides = new Dictionary<string, object>
        {
            ["friend_primary"] = First.Url,
            ["friend_secondary"] = Second.Url,
            ["search_max_results"] = MaxResults,
            ["search_ttl"] = 1,
            ["search_timeout_ms"] = 1000,
            ["health_interval_s"] = 1,
            ["health_failures"] = 100,
            ["target_degree"] = 0,
        };
    }

    public RoguePeer First { get; } = new("rogue-first");

    public RoguePeer Second { get; } = new("rogue-second");

    protected override IReadOnlyDictionary<string, object> ConfigOverrides { get; }

    /// <summary>Both rogues back to honest defaults, and both listed as healthy neighbours of the peer.</summary>
    public async Task ResetRoguesAsync()
    {
        First.Reset();
        Second.Reset();
        await Poll.UntilAsync(HealthyPeersAsync, healthy => healthy.Contains(First.Url) && healthy.Contains(Second.Url),
            "both rogues listed as healthy neighbours");
    }

    /// <summary><c>GET /search</c> for <paramref name="query"/> with ttl 1 and no cache; the raw response.</summary>
    public Task<HttpResponseMessage> SearchAsync(string query = "*") =>
        Client.GetAsync(new Uri($"/search?query={Uri.EscapeDataString(query)}&ttl=1&cache=false", UriKind.Relative));

    protected override async Task StartingAsync()
    {
        await First.StartAsync();
        await Second.StartAsync();
    }

    protected override async Task StoppedAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }

    private async Task<List<string>> HealthyPeersAsync()
    {
        var peers = await GetJsonAsync("/peers");
        return [.. peers.GetProperty("peers").EnumerateArray().Select(p => p.GetString()!)];
    }
}
