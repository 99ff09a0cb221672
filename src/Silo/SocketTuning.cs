using Microsoft.AspNetCore.Hosting;

namespace OrleansP2P.Silo;

/// <summary>
/// Runs socket completions, and Kestrel's request processing, on the socket engine's own thread instead of queueing
/// each one to the thread pool. A search hop is a chain of small loopback reads and writes; on a 2-core machine each
/// thread-pool hand-off is a wake-up and a context switch, and inline completions remove one per I/O. Grain code
/// still runs on Orleans' scheduler, so a handler only runs on the I/O thread up to its first grain call or
/// real wait; HTTP/2 (gRPC) streams are dispatched to the thread pool by Kestrel either way.
/// Both lower search latency and the CPU time a search costs the peers it crosses (figures: bench/README.md).
/// Set <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0</c> to turn both off. The runtime reads the variable once,
/// when the first socket is created, so <see cref="Apply"/> runs first thing; an explicit setting is respected.
/// </summary>
public static class SocketTuning
{
    public const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
    }

    /// <summary>True when socket completions run inline (the default set by <see cref="Apply"/>).</summary>
    public static bool Inline => Environment.GetEnvironmentVariable(InlineCompletions) == "1";

    /// <summary>Kestrel's counterpart: its transport continuations and request processing run inline too.</summary>
    public static IWebHostBuilder UseInlineSockets(this IWebHostBuilder web) =>
        web.UseSockets(o => o.UnsafePreferInlineScheduling = Inline);
}
