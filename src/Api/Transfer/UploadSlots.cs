using System.Net;
using System.Threading.RateLimiting;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Grains.Diagnostics;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// Uploads in flight per client address, gRPC and HTTP together: at most <see cref="PerAddress"/>, so one client
/// cannot hold many part files, quota reservations and connections open at once. A refusal is counted in
/// <c>p2p_rate_limited_total{budget="client"}</c> and answered 429 / <c>RESOURCE_EXHAUSTED</c>.
/// </summary>
public sealed class UploadSlots(P2PMetrics metrics) : IDisposable
{
    /// <summary>Uploads one address may have in flight.</summary>
    public const int PerAddress = 4;

    private readonly PartitionedRateLimiter<string> _slots = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetConcurrencyLimiter(address, _ => new ConcurrencyLimiterOptions { PermitLimit = PerAddress, QueueLimit = 0 }));

    /// <summary>A slot for one upload from <paramref name="client"/>; disposing the lease frees it.</summary>
    /// <exception cref="TransferException">TooManyUploads: the address already has <see cref="PerAddress"/> in flight.</exception>
    public RateLimitLease Take(IPAddress? client)
    {
        var lease = _slots.AttemptAcquire(ClientAddress.KeyOf(client));
        if (lease.IsAcquired)
            return lease;
        lease.Dispose();
        metrics.RateLimited("client");
        throw new TransferException(TransferError.TooManyUploads,
            $"this address already has {PerAddress} uploads in flight; retry when one of them ends");
    }

    public void Dispose() => _slots.Dispose();
}
