using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Membership;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Peers;
using OrleansP2P.Grains.Search;
using OrleansP2P.Grains.Security;
using OrleansP2P.Grains.Storage;

namespace OrleansP2P.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// The peer's own services: metrics, file store, indexer, search and membership. They read
    /// <see cref="PeerOptions"/>, which the host registers with <see cref="PeerOptionsBinding.AddPeerOptions"/>.
    /// </summary>
    public static IServiceCollection AddPeerServices(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<P2PMetrics>();
        services.TryAddSingleton<FileStore>();
        services.TryAddSingleton(sp =>
        {
            var uploads = ActivatorUtilities.CreateInstance<UploadStore>(sp);
            uploads.DeleteStaleParts();
            return uploads;
        });
        services.TryAddSingleton<FileIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<FileIndexer>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SeenQueries(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<LocalPeerView>();
        services.TryAddSingleton<ISearchNode, PeerGrainSearchNode>();
        services.TryAddSingleton<SearchResultCache>();
        services.TryAddSingleton<SearchHops>();
        services.TryAddSingleton<NetworkKey>();
        services.TryAddSingleton<IPeerAddressResolver, DnsPeerAddressResolver>();
        services.TryAddSingleton<PeerUrlGuard>();
        services.TryAddSingleton<BootstrapService>();
        services.AddHostedService(sp => sp.GetRequiredService<BootstrapService>());
        services.AddTransient<IPeerClient>(sp => sp.GetRequiredService<HttpPeerClient>());
        services.AddTransient<IMembershipClient>(sp => sp.GetRequiredService<HttpPeerClient>());
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
