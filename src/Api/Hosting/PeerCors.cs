using Microsoft.Extensions.DependencyInjection;

namespace OrleansP2P.Api.Hosting;

/// <summary>
/// One narrow CORS policy: any origin may <c>GET /health</c> and <c>GET /peers</c> (public facts a peer tells anyone),
/// so a peer's web UI can draw who-knows-whom from its neighbours directly. No credentials, no other methods, no
/// other endpoints: a page elsewhere cannot search, register or upload through a visitor's browser.
/// </summary>
public static class PeerCors
{
    public const string PublicRead = "public-read";

    public static IServiceCollection AddPeerCors(this IServiceCollection services) =>
        services.AddCors(o => o.AddPolicy(PublicRead, policy => policy.AllowAnyOrigin().WithMethods("GET")));
}
