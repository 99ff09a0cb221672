using System.Collections.Immutable;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Downloads;

/// <summary>A running download at one moment.</summary>
public sealed record DownloadProgress(long Size, long BytesVerified, double BytesPerSecond, ImmutableArray<DownloadSource> Sources);

/// <summary>Where a running download keeps its verified pieces (the download grain's persisted state).</summary>
public interface IDownloadPieces
{
    Task<byte[]?> LoadAsync(CancellationToken cancellationToken);

    Task SaveAsync(byte[] verified, CancellationToken cancellationToken);
}

/// <summary>How one run of a download ended, when it did not finish.</summary>
public sealed class DownloadRunException(string message, bool retry, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when a later run may succeed (no holder yet, all holders silent): the job stays <c>active</c>.</summary>
    public bool Retry { get; } = retry;
}

/// <summary>
/// Runs a download inside the peer: finds the holders, fetches and verifies every piece, and lands the file in
/// <c>shared_dir</c> under the order's name, shared at once. Implemented by the host with the swarm engine; the grains
/// own this interface so that they need neither HTTP nor the engine.
/// </summary>
public interface IDownloadRunner
{
    /// <exception cref="DownloadRunException">The run ended without the file; <see cref="DownloadRunException.Retry"/> says whether to try again.</exception>
    Task RunAsync(DownloadOrder order, IDownloadPieces pieces, Action<DownloadProgress> progress, CancellationToken cancellationToken);

    /// <summary>Removes what a cancelled job left (its part file).</summary>
    void Discard(DownloadOrder order);
}
