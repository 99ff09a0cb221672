using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansP2P.Api.Security;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Api.PeerClient;

public static class PeerClientServiceCollectionExtensions
{
    /// <summary>
    /// The HTTP client to other peers behind the grains' <see cref="INeighbourClient"/> and <see cref="IPeerSearchClient"/>:
    /// every URL through the <see cref="PeerUrlGuard"/>, calls signed with the network key, no retries or redirects,
    /// answers size-capped (<see cref="HttpPeerClient"/>). Bootstrap adds its own retries on top.
    /// </summary>
    public static IServiceCollection AddPeerClient(this IServiceCollection services)
    {
        services.TryAddSingleton<NetworkKey>();
        services.TryAddSingleton<IPeerAddressResolver, DnsPeerAddressResolver>();
        services.TryAddSingleton<PeerUrlGuard>();
        services.AddTransient<IPeerSearchClient>(sp => sp.GetRequiredService<HttpPeerClient>());
        services.AddTransient<INeighbourClient>(sp => sp.GetRequiredService<HttpPeerClient>());
        services.AddHttpClient<HttpPeerClient>(http =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan; // every call carries its own deadline
                http.MaxResponseContentBufferSize = HttpPeerClient.MaxAnswerBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
                PeerHttpHandler.Create(sp.GetRequiredService<IOptions<PeerOptions>>().Value, sp.GetRequiredService<PeerUrlGuard>()))
            .AddHttpMessageHandler(sp => new SigningHandler(sp.GetRequiredService<NetworkKey>().Signer))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers(); // per-request log scopes cost more than a loopback hop
        return services;
    }
}
