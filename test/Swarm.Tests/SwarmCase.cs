using OrleansP2P.Contracts.Content;
using OrleansP2P.Swarm.Resuming;

namespace OrleansP2P.Swarm.Tests;

/// <summary>One content to download in a test: its bytes and link, a temp folder to save into, the sidecar ledger.</summary>
public sealed class SwarmCase : IDisposable
{
    /// <summary>Twelve pieces and a short thirteenth.</summary>
    public const int DefaultSize = 12 * PieceTree.PieceSize + 12345;

    /// <summary>An idle timeout short enough for a test, long enough for a cold first request on a loaded machine.</summary>
    public static readonly SwarmOptions ShortIdle = new() { IdleTimeout = TimeSpan.FromSeconds(2) };

    private readonly TempFolder _folder = new("swarm-test");
    private readonly HttpClient _http = SwarmHttp.CreateClient(SwarmHttp.CreateHandler());

    public SwarmCase(int size = DefaultSize, int seed = 1)
    {
        Content = TestFiles.Bytes(size, seed);
        var hashes = FileHashes.OfStreamAsync(new MemoryStream(Content), CancellationToken.None).GetAwaiter().GetResult();
        Link = new MagnetLink(hashes.Sha256, hashes.Tree, size, "content.bin");
        FinalPath = _folder.PathOf("content.bin");
        PartPath = FinalPath + ".part";
        Ledger = new SidecarLedger(SidecarLedger.PathFor(PartPath));
    }

    public byte[] Content { get; }

    public MagnetLink Link { get; set; }

    public string FinalPath { get; }

    public string PartPath { get; }

    public SidecarLedger Ledger { get; }

    public int PieceCount => PieceTree.PieceCount(Content.Length);

    public Task<SwarmResult> RunAsync(
        IEnumerable<FakeHolder> holders, SwarmOptions? options = null, Action<SwarmProgress>? report = null, CancellationToken cancellationToken = default) =>
        new SwarmDownloader(_http, options).RunAsync(
            new SwarmJob(Link, [.. holders.Select(h => h.Url)], PartPath, FinalPath, Ledger), report, cancellationToken);

    /// <summary>A first run stopped (as by Ctrl+C) once <paramref name="pieces"/> pieces are verified; the holder stalls after <paramref name="stallAfter"/> bytes so it cannot finish first.</summary>
    public async Task InterruptAsync(int pieces, long stallAfter)
    {
        await using var cut = await FakeHolder.StartAsync(Content, new HolderBehaviour { StallAfter = stallAfter });
        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync([cut], report: p =>
        {
            if (p.PiecesVerified >= pieces)
                stop.Cancel();
        }, cancellationToken: stop.Token));
    }

    /// <summary>The pieces the ledger records as verified, or none.</summary>
    public async Task<IReadOnlyList<int>> RecordedPiecesAsync()
    {
        var bitmap = await Ledger.LoadAsync(new ContentId(Link.Sha256, Link.Tree, Content.Length), CancellationToken.None);
        return bitmap is null ? [] : [.. Enumerable.Range(0, bitmap.Count).Where(i => bitmap[i])];
    }

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }
}
