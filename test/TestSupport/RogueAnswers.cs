using System.Text;
using Microsoft.AspNetCore.Http;

namespace OrleansP2P.Testing;

/// <summary>Canned <see cref="RogueAnswer"/>s: any body under any content type, a status, a slow drip, silence.</summary>
public static class RogueAnswers
{
    /// <summary>A 64-digit checksum, as a valid file entry needs.</summary>
    public static readonly string Checksum = new('a', 64);

    /// <summary>A body as it is, with a Content-Length; <paramref name="contentType"/> null sends none.</summary>
    public static RogueAnswer Json(string body, string? contentType = "application/json", int status = StatusCodes.Status200OK) =>
        Bytes(Encoding.UTF8.GetBytes(body), contentType, status);

    /// <inheritdoc cref="Json(string, string?, int)"/>
    public static RogueAnswer Bytes(byte[] body, string? contentType = "application/json", int status = StatusCodes.Status200OK) =>
        async context =>
        {
            context.Response.StatusCode = status;
            if (contentType is not null)
                context.Response.ContentType = contentType;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        };

    /// <summary>The body one byte at a time, <paramref name="interval"/> apart, until the client gives up or it is all sent.</summary>
    public static RogueAnswer Drip(string body, TimeSpan interval) =>
        async context =>
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = bytes.Length;
            try
            {
                for (var i = 0; i < bytes.Length; i++)
                {
                    await context.Response.Body.WriteAsync(bytes.AsMemory(i, 1), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(interval, context.RequestAborted); // wait-ok: the slowness is the behaviour under test
                }
            }
            catch (OperationCanceledException)
            {
                // The client stopped waiting.
            }
        };

    /// <summary>A valid answer, sent only after <paramref name="delay"/> (a peer too busy to answer in time), unless the client gave up first.</summary>
    public static RogueAnswer Late(string body, TimeSpan delay) =>
        async context =>
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted); // wait-ok: the lateness is the behaviour under test
                await Json(body)(context);
            }
            catch (OperationCanceledException)
            {
                // The client stopped waiting.
            }
        };

    /// <summary>Never answers: holds the request until the client gives up (or the rogue stops).</summary>
    public static RogueAnswer Silence { get; } = async context =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted); // wait-ok: a rogue that stays silent
        }
        catch (OperationCanceledException)
        {
            // The client stopped waiting.
        }
    };

    /// <summary>A forward answer from one peer with <paramref name="files"/> valid entries named <c>{prefix}-{i}.txt</c>.</summary>
    public static string ForwardWithFiles(string peer, string url, int files, string prefix = "rogue", int peersReached = 1)
    {
        var entries = Enumerable.Range(0, files).Select(i =>
            $$"""{"name":"{{prefix}}-{{i}}.txt","size":{{i}},"mtime":0,"checksum":"{{Checksum}}","extension":".txt"}""");
        var peerEntry = $$"""{"peer":"{{peer}}","url":"{{url}}","grpc":"127.0.0.1:1","files":[{{string.Join(',', entries)}}]}""";
        return $$"""{"results":[{{peerEntry}}],"complete":true,"peers_reached":{{peersReached}} }""";
    }
}
