using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// <c>upload_rate_limit</c>: the bytes per second this peer serves in all, over every serving path (<c>GET
/// /files/{name}</c>, <c>GET /content/{sha256}</c>, gRPC <c>Download</c> and <c>DummyDownload</c>). One
/// <see cref="TokenBucketRateLimiter"/> (a token is a byte) refilled every <see cref="Period"/>; each sender takes at
/// most <see cref="ChunkSize"/> bytes at a time and waits in one first-come queue, so concurrent downloads share the
/// rate fairly. 0 = unlimited: no bucket, nothing waits.
/// </summary>
public sealed class UploadRateLimit : IDisposable
{
    /// <summary>How often the bucket is refilled (a twentieth of the rate each time).</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);

    /// <summary>Most bytes taken at once.</summary>
    public const int MaxChunk = 64 * 1024;

    private readonly TokenBucketRateLimiter? _bucket;

    public UploadRateLimit(IOptions<PeerOptions> options)
        : this(options.Value.UploadRateLimit)
    {
    }

    /// <param name="bytesPerSecond">The rate; 0 for none.</param>
    public UploadRateLimit(long bytesPerSecond)
    {
        BytesPerSecond = bytesPerSecond;
        if (bytesPerSecond <= 0)
            return;
        var perPeriod = (int)Math.Clamp(bytesPerSecond / 20, 1, int.MaxValue);
        // The bucket holds one refill, or one chunk when that is more; a slow rate takes smaller chunks.
        var capacity = Math.Max(perPeriod, (int)Math.Min(bytesPerSecond, MaxChunk));
        ChunkSize = Math.Min(MaxChunk, capacity);
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = capacity,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = Period,
            AutoReplenishment = true,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>The configured rate in bytes per second; 0 = unlimited.</summary>
    public long BytesPerSecond { get; }

    public bool IsLimited => _bucket is not null;

    /// <summary>Bytes a sender takes at a time (and so sends between two waits).</summary>
    public int ChunkSize { get; } = MaxChunk;

    /// <summary>Waits until <paramref name="bytes"/> (at most <see cref="ChunkSize"/>) may be sent; at once when unlimited.</summary>
    public async ValueTask AcquireAsync(int bytes, CancellationToken cancellationToken)
    {
        if (_bucket is null || bytes <= 0)
            return;
        using var lease = await _bucket.AcquireAsync(Math.Min(bytes, ChunkSize), cancellationToken);
        if (!lease.IsAcquired) // only when the limiter is disposed: the host is stopping
            throw new OperationCanceledException("the peer is stopping");
    }

    public void Dispose() => _bucket?.Dispose();
}
