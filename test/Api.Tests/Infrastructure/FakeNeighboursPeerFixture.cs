using Microsoft.Extensions.DependencyInjection;
using OrleansP2P.Grains.Neighbours;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// A peer whose membership calls (health polls, the <c>/health</c> check before admitting a URL) go to a fake instead of
/// the network: <see cref="Membership"/> says which URLs answer <c>/health</c> as a peer, and with what name.
/// </summary>
public class FakeNeighboursPeerFixture : PeerFixture
{
    public FakeNeighbourClient Membership { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<INeighbourClient>(Membership);
}
