using System.Buffers;
using System.Security.Cryptography;

namespace OrleansP2P.Contracts.Content;

/// <summary>
/// Hashes bytes as they arrive (an upload being written): the whole-file SHA-256 in order on the caller's thread, and
/// each completed <see cref="PieceTree.PieceSize"/> piece on the thread pool, so a file this peer writes itself has its
/// <see cref="FileHashes"/> when the last byte lands, without being read again. At most a few pieces per core wait to
/// be hashed; past that, <see cref="AppendAsync"/> waits for the oldest.
/// </summary>
public sealed class ContentHasher : IDisposable
{
    private static readonly int MaxPending = Math.Max(2, Environment.ProcessorCount * 2);

    private readonly IncrementalHash _whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<Task<byte[]>> _leaves = [];
    private byte[]? _piece;
    private int _filled;
    private int _settled;

    /// <summary>Bytes appended so far.</summary>
    public long Length { get; private set; }

    public async ValueTask AppendAsync(ReadOnlyMemory<byte> data)
    {
        _whole.AppendData(data.Span);
        Length += data.Length;
        while (!data.IsEmpty)
        {
            _piece ??= ArrayPool<byte>.Shared.Rent(PieceTree.PieceSize);
            var take = Math.Min(data.Length, PieceTree.PieceSize - _filled);
            data.Span[..take].CopyTo(_piece.AsSpan(_filled));
            _filled += take;
            data = data[take..];
            if (_filled == PieceTree.PieceSize)
                await HashPieceAsync();
        }
    }

    /// <summary>The hashes of everything appended; the hasher is spent afterwards.</summary>
    public async Task<FileHashes> FinishAsync()
    {
        if (_filled > 0)
            await HashPieceAsync();
        var leaves = await Task.WhenAll(_leaves);
        return new FileHashes(
            Convert.ToHexStringLower(_whole.GetHashAndReset()),
            Convert.ToHexStringLower(PieceTree.Root(leaves)),
            [.. leaves.Select(Convert.ToHexStringLower)]);
    }

    private async ValueTask HashPieceAsync()
    {
        var (piece, length) = (_piece!, _filled);
        (_piece, _filled) = (null, 0);
        _leaves.Add(Task.Run(() =>
        {
            try
            {
                return PieceTree.Leaf(piece.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(piece);
            }
        }));
        while (_leaves.Count - _settled > MaxPending)
            await _leaves[_settled++];
    }

    public void Dispose()
    {
        _whole.Dispose();
        if (_piece is not null)
            ArrayPool<byte>.Shared.Return(_piece);
        _piece = null;
    }
}
