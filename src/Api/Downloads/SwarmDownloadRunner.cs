using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using OrleansP2P.Api.Transfer;
using OrleansP2P.Contracts;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Downloads;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Search;
using OrleansP2P.Swarm;
using OrleansP2P.Swarm.Holders;
using OrleansP2P.Swarm.Resuming;

namespace OrleansP2P.Api.Downloads;

/// <summary>
/// A download run by the peer, on the swarm engine: holders from a <c>urn:sha256:</c> search of this peer's network,
/// pieces fetched through the peer client's guarded, signed connections, the part file under <c>data_dir/downloads</c>,
/// the verified pieces in the download grain's state, the file renamed into <c>shared_dir</c> and shared at once with the
/// hashes the download verified (never read again). <c>max_shared_bytes</c> and free space are checked before a byte is
/// written.
/// </summary>
public sealed class SwarmDownloadRunner(
    IHttpClientFactory clients, SearchDispatcher search, FileIndexer indexer, UploadQuota quota, P2PMetrics metrics, IOptions<PeerOptions> options)
    : IDownloadRunner
{
    /// <summary>The named HttpClient downloads use (see <see cref="DownloadsServiceCollectionExtensions"/>).</summary>
    public const string ClientName = "swarm";

    private readonly PeerOptions _options = options.Value;

    public async Task RunAsync(DownloadOrder order, IDownloadPieces pieces, Action<DownloadProgress> progress, CancellationToken cancellationToken)
    {
        if (!MagnetLink.TryParse(order.Link, out var link, out var problem))
            throw new DownloadRunException($"the link is not valid: {problem}", retry: false);
        var finalPath = Path.Combine(_options.SharedDir, order.Name);
        await indexer.FirstScan.WaitAsync(cancellationToken);
        if (File.Exists(finalPath))
        {
            // Already there with this content: an earlier run landed it and the peer stopped before the job said so.
            if (indexer.FindContent(order.Sha256) is { Entry.Name: var shared } && shared == order.Name)
                return;
            throw new DownloadRunException($"a different file named {order.Name} is already shared", retry: false);
        }
        if (order.Size is { } announced)
            EnsureRoom(announced);

        var holders = await HoldersAsync(order.Sha256);
        if (holders.Count == 0)
            throw new DownloadRunException("no peer in reach holds this content yet; searching again every 30 s", retry: true);

        var partPath = PartPathOf(order);
        Directory.CreateDirectory(Path.GetDirectoryName(partPath)!);
        var job = new SwarmJob(link, holders, partPath, finalPath, new GrainLedger(pieces));
        var counted = (Verified: 0, Bad: 0);
        var checkedSize = order.Size is not null;
        SwarmResult result;
        try
        {
            result = await new SwarmDownloader(clients.CreateClient(ClientName)).RunAsync(job, p =>
            {
                if (!checkedSize)
                {
                    checkedSize = true;
                    EnsureRoom(p.Size);
                }
                metrics.Pieces("ok", p.PiecesVerified - counted.Verified);
                metrics.Pieces("corrupt", p.BadPieces - counted.Bad);
                counted = (p.PiecesVerified, p.BadPieces);
                progress(new DownloadProgress(p.Size, p.BytesVerified, p.BytesPerSecond,
                    [.. p.Sources.Select(s => new DownloadSource(s.Url, s.Bytes, s.BadPieces))]));
            }, cancellationToken);
        }
        catch (SwarmException e)
        {
            throw new DownloadRunException(e.Message, retry: e.Failure is SwarmFailure.NoHolders or SwarmFailure.Idle, e);
        }
        await indexer.AddVerifiedAsync(result.Path, new FileHashes(result.Sha256, result.Tree, result.Leaves), CancellationToken.None);
    }

    public void Discard(DownloadOrder order)
    {
        var part = PartPathOf(order);
        File.Delete(part);
        File.Delete(SidecarLedger.PathFor(part));
    }

    /// <summary><c>data_dir/downloads/&lt;sha256&gt;.part</c>: named by the content, never by a name from the network.</summary>
    private string PartPathOf(DownloadOrder order) =>
        Path.Combine(_options.DataDir, "downloads", Sha256Hex.IsValid(order.Sha256) ? order.Sha256 + ".part" : throw new ArgumentException("not a SHA-256", nameof(order)));

    /// <summary>The other peers that answered a hash search with this content (<see cref="HolderSearch"/>'s rule).</summary>
    private async Task<IReadOnlyList<Uri>> HoldersAsync(string sha256)
    {
        var self = PeerUrl.Canonicalize(_options.SelfUrl);
        var outcome = await search.RunAsync(new SearchRequest(Guid.NewGuid(), MagnetLink.UrnPrefix + sha256, _options.SearchTtl,
            _options.MaxFanout, self, [], _options.SearchTimeoutMs));
        var selfBase = SwarmHttp.BaseOf(new Uri(self));
        return [.. HolderSearch.Holders(outcome.Results.Select(hits => (hits.Url, hits.Files.Select(f => f.Sha256))), sha256)
            .Where(holder => holder != selfBase)];
    }

    /// <summary>Refuses a content that would take <c>shared_dir</c> over <c>max_shared_bytes</c> or does not fit on disk.</summary>
    private void EnsureRoom(long size)
    {
        if (_options.MaxSharedBytes > 0)
        {
            var used = quota.Used();
            if (used + size > _options.MaxSharedBytes)
                throw new DownloadRunException($"{size} bytes would take the shared folder over max_shared_bytes ({_options.MaxSharedBytes}; {used} used)", retry: false);
        }
        if (FreeSpace.Available(_options.DataDir) is { } free && size > free)
            throw new DownloadRunException($"{size} bytes do not fit: {free} bytes free", retry: false);
    }

    /// <summary>The engine's ledger kept in the download grain: a record for another content (or size) is not used.</summary>
    private sealed class GrainLedger(IDownloadPieces pieces) : IPieceLedger
    {
        public async Task<PieceBitmap?> LoadAsync(ContentId content, CancellationToken cancellationToken) =>
            await pieces.LoadAsync(cancellationToken) is { } bytes ? PieceBitmap.FromBytes(content.PieceCount, bytes) : null;

        public Task SaveAsync(ContentId content, PieceBitmap verified, CancellationToken cancellationToken) =>
            pieces.SaveAsync(verified.ToBytes(), cancellationToken);

        /// <summary>A fresh part file: no piece of it is verified (an empty record fits no content).</summary>
        public Task ClearAsync(CancellationToken cancellationToken) => pieces.SaveAsync([], cancellationToken);
    }
}
