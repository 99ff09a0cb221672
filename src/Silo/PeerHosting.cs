using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Orleans.Runtime.Hosting;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Storage;
using StackExchange.Redis;

namespace OrleansP2P.Silo;

public static class PeerHosting
{
    public const string ServiceId = "orleans-p2p";

    /// <summary>One Orleans silo per peer: its own cluster (id = peer name), localhost clustering.</summary>
    public static WebApplicationBuilder UsePeerSilo(this WebApplicationBuilder builder, PeerOptions options)
    {
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: ServiceId, clusterId: options.Name);
            if (options.Storage == "redis")
                silo.AddRedisGrainStorage(PeerStorage.Name, redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(options.Redis));
            else
                silo.Services.AddGrainStorage(PeerStorage.Name, (sp, _) => ActivatorUtilities.CreateInstance<JsonFileGrainStorage>(sp));
        });
        builder.Services.Configure<PeerOptions>(builder.Configuration);
        return builder;
    }

    /// <summary>REST over HTTP/1.1, gRPC over HTTP/2 only, and a metrics-only port.</summary>
    public static WebApplicationBuilder UsePeerEndpoints(this WebApplicationBuilder builder, PeerOptions options)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Uploads: let a client keep a few 1 MiB chunks in flight per stream (the defaults, 768 KiB per stream
            // and 1 MiB per connection, stall a fast sender every chunk).
            kestrel.Limits.Http2.InitialStreamWindowSize = 4 << 20;
            kestrel.Limits.Http2.InitialConnectionWindowSize = 16 << 20;
            Listen(kestrel, options.BindAddress, options.RestPort, HttpProtocols.Http1);
            Listen(kestrel, options.BindAddress, options.GrpcPort, HttpProtocols.Http2);
            Listen(kestrel, options.BindAddress, options.MetricsPort, HttpProtocols.Http1);
        });
        return builder;
    }

    private static void Listen(KestrelServerOptions kestrel, string address, int port, HttpProtocols protocols)
    {
        if (address == "localhost")
            kestrel.ListenLocalhost(port, o => o.Protocols = protocols);
        else
            kestrel.Listen(IPAddress.Parse(address), port, o => o.Protocols = protocols);
    }
}
