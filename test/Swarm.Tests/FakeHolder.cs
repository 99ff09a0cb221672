using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Swarm.Tests;

/// <summary>
/// A holder in the test process (Kestrel on a free loopback port) serving one content as a peer does:
/// <c>GET /pieces/{sha256}</c> and <c>GET /content/{sha256}</c> with Range, misbehaving as <see cref="HolderBehaviour"/> says.
/// It counts the bytes it served (as it starts sending each chunk) and records every range asked for.
/// </summary>
public sealed class FakeHolder : IAsyncDisposable
{
    private const int Chunk = 64 << 10;

    private readonly WebApplication _app;
    private readonly byte[] _content;
    private readonly string _sha256;
    private readonly HolderBehaviour _behaviour;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _served;

    private FakeHolder(WebApplication app, byte[] content, string sha256, HolderBehaviour behaviour)
    {
        (_app, _content, _sha256, _behaviour) = (app, content, sha256, behaviour);
    }

    public Uri Url => new(_app.Urls.Single());

    public long BytesServed => Interlocked.Read(ref _served);

    public ConcurrentQueue<(long From, long To)> Ranges { get; } = new();

    /// <summary>Every piece some request asked for.</summary>
    public IEnumerable<int> PiecesAsked =>
        Ranges.SelectMany(r => Enumerable.Range((int)(r.From / PieceTree.PieceSize), (int)(r.To / PieceTree.PieceSize - r.From / PieceTree.PieceSize) + 1));

    /// <param name="servedAs">The SHA-256 it answers for (default: the content's own).</param>
    public static async Task<FakeHolder> StartAsync(byte[] content, HolderBehaviour? behaviour = null, string? servedAs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var holder = new FakeHolder(app, content, servedAs ?? TestFiles.Sha256(content), behaviour ?? new HolderBehaviour());
        app.MapGet("/pieces/{sha256}", (string sha256) => sha256 == holder._sha256 ? Results.Json(holder.PieceList(), P2PJson.Options) : Results.NotFound());
        app.MapGet("/content/{sha256}", (string sha256, HttpContext context) => holder.ServeAsync(sha256, context));
        await app.StartAsync();
        return holder;
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private PiecesResponse PieceList()
    {
        var hashes = FileHashes.OfStreamAsync(new MemoryStream(_content), CancellationToken.None).GetAwaiter().GetResult();
        var answer = new PiecesResponse(_sha256, _content.Length, PieceTree.PieceSize, hashes.Tree, hashes.Pieces);
        return _behaviour.Pieces?.Invoke(answer) ?? answer;
    }

    private async Task ServeAsync(string sha256, HttpContext context)
    {
        if (sha256 != _sha256 || !RangeHeaderValue.TryParse(context.Request.Headers.Range.ToString(), out var header)
            || header.Ranges.Single() is not { From: { } from, To: { } to } || to >= _content.Length || from > to)
        {
            context.Response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            return;
        }
        Ranges.Enqueue((from, to));
        context.Response.StatusCode = StatusCodes.Status206PartialContent;
        context.Response.ContentLength = to - from + 1;
        context.Response.Headers.ContentRange = new ContentRangeHeaderValue(from, to, _content.Length).ToString();
        for (var offset = from; offset <= to; offset += Chunk)
        {
            var bytes = _content.AsMemory((int)offset, (int)Math.Min(Chunk, to + 1 - offset));
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
}
