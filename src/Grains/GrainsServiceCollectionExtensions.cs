using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Downloads;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// The services the grains run with: metrics, the indexer, the search algorithm and its dispatcher, bootstrap. They
    /// read <see cref="PeerOptions"/>, which the host registers with <see cref="PeerOptionsBinding.AddPeerOptions"/>, and
    /// <see cref="INeighbourClient"/> and <see cref="IPeerSearchClient"/>, which the host implements (HTTP in production,
    /// in memory in simulations). Every process of a peer indexes <c>shared_dir</c> (a gateway serves <c>/content</c> and
    /// <c>/pieces</c> from its own reading, and publishes what it uploads); only processes that host grains
    /// (<paramref name="hostsGrains"/>) bootstrap with the friends and wake the download queue.
    /// </summary>
    public static IServiceCollection AddPeerServices(this IServiceCollection services, bool hostsGrains = true)
    {
        services.AddMetrics();
        services.TryAddSingleton<P2PMetrics>();
        services.TryAddSingleton<FileIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<FileIndexer>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SeenQueries(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<LocalPeerView>();
        services.TryAddSingleton<IHopInputSource, PeerHopInputSource>();
        services.TryAddSingleton<PeerSilos>();
        services.TryAddSingleton<SearchHealth>();
        services.TryAddSingleton<SearchProbe>();
        services.TryAddSingleton<SearchExecutor>();
        services.TryAddSingleton<SearchDispatcher>();
        services.TryAddSingleton<SearchResultCache>();
        services.TryAddSingleton<NeighbourProbe>();
        services.TryAddSingleton<BootstrapService>();
        if (hostsGrains)
        {
            services.AddHostedService(sp => sp.GetRequiredService<BootstrapService>());
            services.AddHostedService<DownloadWaker>();
        }
        return services;
    }
}
