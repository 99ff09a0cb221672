using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Hosting;

/// <summary>
/// Per-address request budgets, one per endpoint class: client calls (<c>rate_limit_per_minute</c>)
/// and peer calls (<c>peer_rate_limit_per_minute</c>, higher), so a busy client cannot starve the
/// network's search traffic. <c>/content</c> and <c>/pieces</c> are outside both: a swarm makes many Range requests, so
/// they are bounded by requests in flight per address instead (<see cref="Content"/>). Rejections are 429 problem
/// details with <c>Retry-After</c>. <c>/health</c> and <c>/metrics</c> carry no policy and are never limited.
/// </summary>
public static class PeerRateLimits
{
    public const string Client = "client";
    public const string Peer = "peer";

    /// <summary>The policy of <c>/content</c> and <c>/pieces</c>: at most <see cref="ContentPerAddress"/> in flight per address.</summary>
    public const string Content = "content";

    public const int ContentPerAddress = 16;

    public static IServiceCollection AddPeerRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Client, context => Window(context, Client, o => o.RateLimitPerMinute));
            limiter.AddPolicy(Peer, context => Window(context, Peer, o => o.PeerRateLimitPerMinute));
            limiter.AddPolicy(Content, context => RateLimitPartition.GetConcurrencyLimiter(
                ClientAddress.KeyOf(context.Connection.RemoteIpAddress),
                _ => new ConcurrencyLimiterOptions { PermitLimit = ContentPerAddress, QueueLimit = 0 }));
            limiter.OnRejected = RejectAsync;
        });

    private static RateLimitPartition<string> Window(HttpContext context, string budget, Func<PeerOptions, int> permits)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<PeerOptions>>().Value;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter($"{budget}|{address}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits(options),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var budget = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? Client;
        var detail = budget == Content
            ? $"this address already has {ContentPerAddress} content requests in flight; retry after {seconds} s"
            : $"too many requests from this address for the '{budget}' budget; retry after {seconds} s";
        http.RequestServices.GetRequiredService<P2PMetrics>().RateLimited(budget == Content ? Client : budget); // a client budget
        await TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(http);
    }
}
