using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansP2P.Api.Transfer;

public static class TransferServiceCollectionExtensions
{
    /// <summary>The read and write sides of transfers and the board that shows them.</summary>
    public static IServiceCollection AddPeerTransfers(this IServiceCollection services)
    {
        services.TryAddSingleton<FileStore>();
        services.TryAddSingleton<UploadQuota>();
        services.TryAddSingleton<UploadClashCheck>();
        services.TryAddSingleton<UploadSlots>();
        services.TryAddSingleton(sp =>
        {
            var uploads = ActivatorUtilities.CreateInstance<UploadStore>(sp);
            uploads.DeleteStaleParts();
            return uploads;
        });
        services.TryAddSingleton<SharedFiles>();
        services.TryAddSingleton<TransferBoard>();
        services.TryAddSingleton<UploadRateLimit>();
        return services;
    }
}
