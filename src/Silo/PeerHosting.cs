using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Api.Transfer;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Persistence;
using OrleansP2P.Grains.Search;
using StackExchange.Redis;

namespace OrleansP2P.Silo;

public static class PeerHosting
{
    public const string ServiceId = "orleans-p2p";

    /// <summary>The Orleans side of this process's <c>role</c>: a silo (<c>peer</c>, <c>silo</c>) or a gateway's client.</summary>
    public static WebApplicationBuilder UsePeerRole(this WebApplicationBuilder builder, PeerOptions options) =>
        options.HostsGrains ? builder.UsePeerSilo(options) : builder.UsePeerGateway(options);

    /// <summary>
    /// How long a grain call may wait for its answer in a peer of several processes: a call to a silo that died fails
    /// within it instead of hanging, and a search that runs its whole deadline still fits.
    /// </summary>
    public static TimeSpan ResponseTimeout(PeerOptions options) => TimeSpan.FromMilliseconds(Math.Max(10_000, options.SearchTimeoutMs + 5_000));

    /// <summary>
    /// The peer's Orleans cluster (id = peer name): one silo with localhost clustering, or several
    /// silos of one peer that find each other through Redis (<c>clustering: redis</c>).
    /// </summary>
    public static WebApplicationBuilder UsePeerSilo(this WebApplicationBuilder builder, PeerOptions options)
    {
        builder.UseOrleans(silo =>
        {
            if (options.Clustering == "redis")
                silo.UsePeerRedisClustering(options);
            else
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: ServiceId, clusterId: options.Name);
            if (options.Storage == "redis")
                silo.AddRedisGrainStorage(PeerStorage.Name, redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(options.Redis));
            else
                silo.Services.AddGrainStorage(PeerStorage.Name, (sp, _) => ActivatorUtilities.CreateInstance<JsonFileGrainStorage>(sp));
            silo.AddPeerDashboard(options);
            silo.UseSearchDirectoryCache();
            PeerEnvironmentStatistics.ReplaceOrleansProvider(silo.Services);
        });
        return builder;
    }

    /// <summary>
    /// Silos of one peer in a Redis membership table. A killed silo is declared dead within about
    /// 10 s (2 missed 2 s probes, one vote: a hub has two silos), and a call that still reaches for it
    /// fails within <see cref="MessagingOptions.ResponseTimeout"/> instead of hanging.
    /// </summary>
    private static void UsePeerRedisClustering(this ISiloBuilder silo, PeerOptions options)
    {
        silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (ServiceId, options.Name));
        silo.UseRedisClustering(redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(options.Redis));
        // Advertise the address the peer binds to; with 0.0.0.0 (containers), the host's own address.
        if (IPAddress.TryParse(options.BindAddress, out var bind) && !bind.Equals(IPAddress.Any))
            silo.ConfigureEndpoints(bind, options.SiloPort, options.GatewayPort);
        else
            silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.MaxProbeTimeout = TimeSpan.FromSeconds(3);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        });
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout(options));
    }

    /// <summary>
    /// REST over HTTP/1.1, gRPC over HTTP/2 only (both over TLS with <c>tls_cert</c>), and a metrics-only port; a silo
    /// behind gateways (<c>role: silo</c>) listens on its metrics port only.
    /// </summary>
    public static WebApplicationBuilder UsePeerEndpoints(this WebApplicationBuilder builder, PeerOptions options)
    {
        var certificate = options.UsesTls && options.ServesApi ? LoadCertificate(options) : null;
        builder.WebHost.UseInlineSockets();
        if (certificate is not null)
            builder.WebHost.UseKestrelHttpsConfiguration(); // the slim builder leaves HTTPS out unless asked

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Uploads: let a client keep a few 1 MiB chunks in flight per stream (the defaults, 768 KiB per stream
            // and 1 MiB per connection, stall a fast sender every chunk).
            kestrel.Limits.Http2.InitialStreamWindowSize = 4 << 20;
            kestrel.Limits.Http2.InitialConnectionWindowSize = 16 << 20;
            if (options.ServesApi)
            {
                Listen(kestrel, options.BindAddress, options.RestPort, HttpProtocols.Http1, certificate);
                Listen(kestrel, options.BindAddress, options.GrpcPort, HttpProtocols.Http2, certificate);
            }
            Listen(kestrel, options.BindAddress, options.MetricsPort, HttpProtocols.Http1, certificate: null);
        });
        return builder;
    }

    private static void Listen(KestrelServerOptions kestrel, string address, int port, HttpProtocols protocols, X509Certificate2? certificate)
    {
        void Configure(ListenOptions o)
        {
            o.Protocols = protocols;
            if (certificate is not null)
                o.UseHttps(certificate);
        }
        if (address == "localhost")
            kestrel.ListenLocalhost(port, Configure);
        else
            kestrel.Listen(IPAddress.Parse(address), port, Configure);
    }

    /// <summary><c>tls_cert</c> + <c>tls_key</c> (PEM); a file that cannot be used stops the peer with a message naming the keys.</summary>
    private static X509Certificate2 LoadCertificate(PeerOptions options)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(options.TlsCert, options.TlsKey);
        }
        catch (Exception e) when (e is CryptographicException or IOException or ArgumentException)
        {
            throw new PeerConfigurationException($"tls_cert, tls_key: cannot load a certificate and its key from '{options.TlsCert}': {e.Message}");
        }
    }
}
