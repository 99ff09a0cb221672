using System.Globalization;
using System.Text;

namespace OrleansP2P.Swarm.Resuming;

/// <summary>
/// The CLI's ledger: a small file beside the part file (<c>NAME.part.pieces</c>) holding one header line
/// (<c>p2p-pieces 1 SHA256 TREE SIZE</c>) and the bitmap. It is rewritten in place and fsynced: the header never
/// changes for one content and bits are only ever added, so even a torn write leaves a bitmap whose every set bit was
/// durable in the part file when it was written.
/// </summary>
public sealed class SidecarLedger(string path) : IPieceLedger
{
    private const string Magic = "p2p-pieces 1";

    public string Path { get; } = path;

    public static string PathFor(string partPath) => partPath + ".pieces";

    public async Task<PieceBitmap?> LoadAsync(ContentId content, CancellationToken cancellationToken)
    {
        var header = Header(content);
        var expected = header.Length + PieceBitmap.ByteLength(content.PieceCount);
        try
        {
            var info = new FileInfo(Path);
            if (!info.Exists || info.Length != expected)
                return null;
            var bytes = await File.ReadAllBytesAsync(Path, cancellationToken);
            return bytes.AsSpan(0, header.Length).SequenceEqual(header)
                ? PieceBitmap.FromBytes(content.PieceCount, bytes.AsSpan(header.Length))
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // an unreadable record only costs fetching again
        }
    }

    public async Task SaveAsync(ContentId content, PieceBitmap verified, CancellationToken cancellationToken)
    {
        var header = Header(content);
        var bits = verified.ToBytes();
        await using var file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
        await file.WriteAsync(header, cancellationToken);
        await file.WriteAsync(bits, cancellationToken);
        file.SetLength(header.Length + bits.Length);
        file.Flush(flushToDisk: true);
    }

    public Task ClearAsync(CancellationToken cancellationToken)
    {
        File.Delete(Path);
        return Task.CompletedTask;
    }

    private static byte[] Header(ContentId content) =>
        Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Magic} {content.Sha256} {content.Tree} {content.Size}\n"));
}
