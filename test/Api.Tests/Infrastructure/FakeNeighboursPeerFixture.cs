using Microsoft.Extensions.DependencyInjection;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Search;
using OrleansP2P.Grains.Tests.Infrastructure;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// A peer whose calls to other peers go to fakes instead of the network: <see cref="Membership"/> says which URLs
/// answer <c>/health</c> (and with what name), <see cref="Searches"/> which answer a search hop (none, until told).
/// </summary>
public class FakeNeighboursPeerFixture : PeerFixture
{
    public FakeNeighbourClient Membership { get; } = new();

    public StallingSearchClient Searches { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<INeighbourClient>(Membership).AddSingleton<IPeerSearchClient>(Searches);
}
