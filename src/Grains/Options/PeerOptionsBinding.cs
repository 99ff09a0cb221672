using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansP2P.Grains.Options;

/// <summary>
/// The one definition of how <see cref="PeerOptions"/> comes from configuration: bound from the top
/// level of it, validated by <see cref="PeerOptionsValidator"/>. The host and the start-up check before
/// the host exists (<see cref="Load"/>) both go through <see cref="AddPeerOptions"/>.
/// </summary>
public static class PeerOptionsBinding
{
    /// <summary>Binds <see cref="PeerOptions"/> to <paramref name="configuration"/> and validates it when the host starts.</summary>
    public static IServiceCollection AddPeerOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PeerOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PeerOptions>, PeerOptionsValidator>());
        return services;
    }

    /// <summary>
    /// The options <see cref="AddPeerOptions"/> gives a host, for what must be known before one is built
    /// (the ports to listen on).
    /// </summary>
    /// <exception cref="OptionsValidationException">A rule failed; each of its failures starts with the config key.</exception>
    /// <exception cref="InvalidOperationException">A value cannot be converted to its key's type (the message names the key).</exception>
    public static PeerOptions Load(IConfiguration configuration)
    {
        using var services = new ServiceCollection().AddPeerOptions(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<PeerOptions>>().Value;
    }
}
