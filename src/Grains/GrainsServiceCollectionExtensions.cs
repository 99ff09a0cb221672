using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Storage;

namespace OrleansP2P.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>The peer's own services: options validation, metrics, file store and indexer.</summary>
    public static IServiceCollection AddPeerServices(this IServiceCollection services)
    {
        services.AddOptions<PeerOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PeerOptions>, PeerOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<P2PMetrics>();
        services.TryAddSingleton<FileStore>();
        services.TryAddSingleton<FileIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<FileIndexer>());
        return services;
    }
}
