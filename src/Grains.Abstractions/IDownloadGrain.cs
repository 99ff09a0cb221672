using System.Collections.Immutable;
using Orleans.Concurrency;

namespace OrleansP2P.Grains.Abstractions;

/// <summary>The states of a download run by the peer, as <c>GET /downloads</c> names them.</summary>
public static class DownloadStates
{
    public const string Queued = "queued";
    public const string Active = "active";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly ImmutableArray<string> All = [Queued, Active, Done, Failed, Cancelled];

    /// <summary>Whether a job in <paramref name="state"/> will not run again.</summary>
    public static bool IsFinal(string state) => state is Done or Failed or Cancelled;
}

/// <summary>What to download: a checked magnet link's parts and the safe name the file gets in <c>shared_dir</c>.</summary>
[GenerateSerializer, Immutable, Alias("p2p.DownloadOrder")]
public sealed record DownloadOrder(
    [property: Id(0)] string Link, [property: Id(1)] string Sha256, [property: Id(2)] string Tree,
    [property: Id(3)] long? Size, [property: Id(4)] string Name);

/// <summary>One holder's share of a download: bytes it sent, bad pieces it sent.</summary>
[GenerateSerializer, Immutable, Alias("p2p.DownloadSource")]
public sealed record DownloadSource([property: Id(0)] string Url, [property: Id(1)] long Bytes, [property: Id(2)] int BadPieces);

/// <summary>A download as <c>GET /downloads</c> shows it; <see cref="Posted"/> orders the queue.</summary>
[GenerateSerializer, Immutable, Alias("p2p.DownloadInfo")]
public sealed record DownloadInfo(
    [property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] long? Size, [property: Id(3)] long BytesVerified,
    [property: Id(4)] string State, [property: Id(5)] ImmutableArray<DownloadSource> Sources, [property: Id(6)] double BytesPerSecond,
    [property: Id(7)] string? Error, [property: Id(8)] long Posted);

/// <summary>The answer to a posted link: the job, and whether this post created it.</summary>
[GenerateSerializer, Immutable, Alias("p2p.DownloadPosted")]
public sealed record DownloadPosted([property: Id(0)] DownloadInfo Job, [property: Id(1)] bool Created);

/// <summary>
/// The peer's download queue (one activation per peer, keyed by peer name): jobs in posting order, at most
/// <c>max_downloads</c> of them <c>active</c>. Persisted, so jobs survive a restart.
/// </summary>
[Alias("p2p.IDownloadsGrain")]
public interface IDownloadsGrain : IGrainWithStringKey
{
    /// <summary>Posts a job for <paramref name="order"/>; the existing job when its content is already listed.</summary>
    [Alias("Post")]
    Task<DownloadPosted> Post(DownloadOrder order, bool alreadyShared);

    [Alias("List")]
    Task<ImmutableArray<DownloadInfo>> List();

    /// <summary>Cancels an unfinished job (its part file is removed) or removes a finished one from the list; null when unknown.</summary>
    [Alias("Delete")]
    Task<DownloadInfo?> Delete(string id);

    /// <summary>Starts what may run: called at start-up and every 30 s by each silo, and whenever a job ends.</summary>
    [Alias("Wake")]
    Task Wake();

    [Alias("Ended"), OneWay]
    Task Ended(string id, string state);
}

/// <summary>One download, keyed by the content's SHA-256: its order, state, verified pieces (persisted) and progress.</summary>
[Alias("p2p.IDownloadGrain")]
public interface IDownloadGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<DownloadInfo> Create(DownloadOrder order, long posted, string state);

    [Alias("Describe"), AlwaysInterleave]
    Task<DownloadInfo?> Describe();

    /// <summary>Makes a queued job active, and runs an active job that is not running on this activation.</summary>
    [Alias("Start")]
    Task Start();

    [Alias("Cancel")]
    Task<DownloadInfo?> Cancel();

    /// <summary>Forgets the job entirely (its state is cleared).</summary>
    [Alias("Forget")]
    Task Forget();

    [Alias("LoadPieces"), AlwaysInterleave]
    Task<byte[]?> LoadPieces();

    [Alias("SavePieces")]
    Task SavePieces(byte[] verified);

    [Alias("RunEnded")]
    Task RunEnded(string state, string? reason);
}

public static class DownloadGrainExtensions
{
    public static IDownloadsGrain GetDownloads(this IGrainFactory grains, string peerName) => grains.GetGrain<IDownloadsGrain>(peerName);

    public static IDownloadGrain GetDownload(this IGrainFactory grains, string sha256) => grains.GetGrain<IDownloadGrain>(sha256);
}
