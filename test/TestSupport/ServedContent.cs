using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Testing;

/// <summary>
/// One content served as a peer serves it, for fake holders: <c>GET /pieces/{sha256}</c> and <c>GET /content/{sha256}</c>
/// with one Range, misbehaving as <see cref="HolderBehaviour"/> says. It counts the bytes it served (as it starts
/// sending each chunk) and records every range asked for.
/// </summary>
public sealed class ServedContent(byte[] content, HolderBehaviour? behaviour = null, string? servedAs = null) : IDisposable
{
    private const int Chunk = 64 << 10;

    private readonly HolderBehaviour _behaviour = behaviour ?? new HolderBehaviour();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task<FileHashes> _hashes = FileHashes.OfStreamAsync(new MemoryStream(content), CancellationToken.None); // ready before it is asked
    private long _served;

    /// <summary>The SHA-256 it answers for (default: the content's own).</summary>
    public string Sha256 { get; } = servedAs ?? TestFiles.Sha256(content);

    public long BytesServed => Interlocked.Read(ref _served);

    public ConcurrentQueue<(long From, long To)> Ranges { get; } = new();

    /// <summary>Every piece some request asked for.</summary>
    public IEnumerable<int> PiecesAsked =>
        Ranges.SelectMany(r => Enumerable.Range((int)(r.From / PieceTree.PieceSize), (int)(r.To / PieceTree.PieceSize - r.From / PieceTree.PieceSize) + 1));

    public async Task PiecesAsync(HttpContext context)
    {
        if ((string?)context.Request.RouteValues["sha256"] != Sha256)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (_behaviour.SilentPieces)
            await _release.Task.WaitAsync(context.RequestAborted); // wait-ok: a holder that never answers
        var hashes = await _hashes;
        var answer = new PiecesResponse(Sha256, content.Length, PieceTree.PieceSize, hashes.Tree, hashes.Pieces);
        await context.Response.WriteAsync(JsonSerializer.Serialize(_behaviour.Pieces?.Invoke(answer) ?? answer, P2PJson.Options), context.RequestAborted);
    }

    public async Task ContentAsync(HttpContext context)
    {
        if ((string?)context.Request.RouteValues["sha256"] != Sha256 || !RangeHeaderValue.TryParse(context.Request.Headers.Range.ToString(), out var header)
            || header.Ranges.Single() is not { From: { } from, To: { } to } || to >= content.Length || from > to)
        {
            context.Response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            return;
        }
        Ranges.Enqueue((from, to));
        context.Response.StatusCode = StatusCodes.Status206PartialContent;
        context.Response.ContentLength = to - from + 1;
        context.Response.Headers.ContentRange = new ContentRangeHeaderValue(from, to, content.Length).ToString();
        for (var offset = from; offset <= to; offset += Chunk)
        {
            var bytes = content.AsMemory((int)offset, (int)Math.Min(Chunk, to + 1 - offset));
            if (Interlocked.Add(ref _served, bytes.Length) > _behaviour.StallAfter)
            {
                Interlocked.Add(ref _served, -bytes.Length);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await _release.Task.WaitAsync(context.RequestAborted); // wait-ok: a holder that goes quiet
                return;
            }
            if (_behaviour.Corrupt && offset % PieceTree.PieceSize == 0)
            {
                var copy = bytes.ToArray();
                copy[0] ^= 0xff;
                bytes = copy;
            }
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    /// <summary>Lets stalled answers end.</summary>
    public void Dispose() => _release.TrySetResult();
}
