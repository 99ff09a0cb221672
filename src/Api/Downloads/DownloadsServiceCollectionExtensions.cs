using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansP2P.Api.PeerClient;
using OrleansP2P.Api.Security;
using OrleansP2P.Grains.Downloads;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Downloads;

public static class DownloadsServiceCollectionExtensions
{
    /// <summary>
    /// The runner behind the download grains, and its HttpClient: the peer client's guarded connections (every holder
    /// URL through the <see cref="PeerUrlGuard"/>), requests signed with the network key, no overall timeout (the
    /// engine's idle timeout bounds a download).
    /// </summary>
    public static IServiceCollection AddPeerDownloads(this IServiceCollection services)
    {
        services.AddSingleton<IDownloadRunner, SwarmDownloadRunner>();
        services.AddHttpClient(SwarmDownloadRunner.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
                PeerHttpHandler.Create(sp.GetRequiredService<IOptions<PeerOptions>>().Value, sp.GetRequiredService<PeerUrlGuard>()))
            .AddHttpMessageHandler(sp => new SigningHandler(sp.GetRequiredService<NetworkKey>().Signer))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        return services;
    }
}
