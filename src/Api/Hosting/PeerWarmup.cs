using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansP2P.Api.PeerClient;
using OrleansP2P.Api.Security;
using OrleansP2P.Contracts;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;
using OrleansP2P.Protos;

namespace OrleansP2P.Api.Hosting;

/// <summary>
/// What a peer's first search would otherwise pay, paid at start. Before the ports open (the web host's service starts
/// after every other hosted service, the silo's first): the peer grain is activated with its stored state, the JSON
/// contracts of a search and a forward are built, and the peer HttpClient's handler chain exists. Once the ports are
/// open: one <c>GET /search?query=<see cref="Query"/>&amp;ttl=0</c> to this peer's own REST port over loopback, signed
/// like a peer call, so the request pipeline, rate limiter, search grain, executor and Orleans codecs have all run once
/// (the search is counted like any other), and one gRPC <c>Download</c> of the name <see cref="Query"/> (HTTP/2, the
/// gRPC pipeline, the transfer service and its index lookup; answered NOT_FOUND, counted as a rejected download on
/// <c>/transfers</c>). Only then does <see cref="PeerReadiness"/> let <c>/health</c> say ok. Skipped
/// with TLS or when no socket serves the REST port (in-memory tests). Nothing here is fatal: a step that fails or takes
/// longer than <see cref="Timeout"/> is logged and the peer starts cold (a gateway that reaches no silo in time, too).
/// Figures: bench/README.md, "Start".
/// </summary>
public sealed partial class PeerWarmup(
    IGrainFactory grains, IServiceProvider services, PeerReadiness readiness, IOptions<PeerOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<PeerWarmup> logger, IClusterClientConnection? cluster = null)
    : IHostedLifecycleService
{
    /// <summary>The warm-up search's query: a name no file is likely to have.</summary>
    public const string Query = "p2p-warm-up";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private long _started;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _started = Stopwatch.GetTimestamp();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => TryAsync(WarmInsideAsync, cancellationToken);

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (SelfHost() is { } self)
        {
            var o = options.Value;
            await Task.WhenAll( // side by side: two cores compile the two paths at once
                TryAsync(() => SearchSelfAsync(new Uri($"http://{self}:{o.RestPort}"), cancellationToken), cancellationToken),
                TryAsync(() => DownloadSelfAsync(new Uri($"http://{self}:{o.GrpcPort}"), cancellationToken), cancellationToken));
        }
        readiness.MarkReady();
        var elapsedMs = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
        LogWarm(logger, elapsedMs);
    }

    private async Task WarmInsideAsync()
    {
        var o = options.Value;
        if (cluster is not null)
            await cluster.Connected; // a gateway: its client connects in the background
        await grains.GetPeer(o.Name).GetIndex();
        var self = PeerUrl.Canonicalize(o.SelfUrl);
        var serializer = json.Value.SerializerOptions;
        List<PeerResultDto> results = [new(o.Name, self, o.GrpcAddress, [])];
        JsonSerializer.SerializeToUtf8Bytes(new SearchResponseDto(Query, Guid.Empty.ToString("D"), 0, 1, true, 1, 0, results), serializer);
        JsonSerializer.SerializeToUtf8Bytes(new ForwardResponseDto(results, true, 1), serializer);
        var forward = JsonSerializer.SerializeToUtf8Bytes(new ForwardRequestDto(Guid.Empty.ToString("D"), Query, 0, 1, self, [self], 1), serializer);
        JsonSerializer.Deserialize<ForwardRequestDto>(forward, serializer);
        services.GetRequiredService<HttpPeerClient>();
    }

    private async Task SearchSelfAsync(Uri self, CancellationToken cancellationToken)
    {
        using var handler = new SigningHandler(services.GetRequiredService<NetworkKey>().Signer)
        {
            InnerHandler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false },
        };
        using var http = new HttpClient(handler) { BaseAddress = self };
        using var response = await http.GetAsync(new Uri($"/search?query={Query}&ttl=0&cache=false", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>A gRPC <c>Download</c> over HTTP/2 without TLS, framed by hand (the peer has no gRPC client of its own).</summary>
    private static async Task DownloadSelfAsync(Uri self, CancellationToken cancellationToken)
    {
        var message = new DownloadRequest { Name = Query }.ToByteArray();
        var frame = new byte[5 + message.Length]; // not compressed (0), big-endian length, the message
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), message.Length);
        message.CopyTo(frame, 5);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(self, "/p2p.FileTransfer/Download"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } },
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        using var response = await http.SendAsync(request, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>This peer's own address over loopback, or null with TLS or when no socket serves the REST port.</summary>
    private string? SelfHost()
    {
        var o = options.Value;
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (o.UsesTls || !addresses.Any(a => a.EndsWith($":{o.RestPort}", StringComparison.Ordinal)))
            return null;
        return o.BindAddress switch
        {
            "0.0.0.0" or "localhost" => "127.0.0.1",
            "::" => "[::1]",
            var address when address.Contains(':', StringComparison.Ordinal) => $"[{address}]",
            var address => address,
        };
    }

    private async Task TryAsync(Func<Task> step, CancellationToken cancellationToken)
    {
        try
        {
            await step().WaitAsync(Timeout, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogWarmFailed(logger, e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready {ElapsedMs:F0} ms after the host started: warm, /health says ok")]
    private static partial void LogWarm(ILogger logger, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A warm-up step did not finish ({Reason}); the first requests pay for it")]
    private static partial void LogWarmFailed(ILogger logger, string reason);
}
