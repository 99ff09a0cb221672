namespace OrleansP2P.Silo;

/// <summary>
/// Runs socket completions on the socket engine's own thread instead of queueing each one to the thread pool.
/// A search hop is a chain of small loopback reads and writes; on a 2-core machine each thread-pool hand-off
/// is a wake-up and a context switch, and inline completions remove one per I/O (SearchBench, ttl=3 p50 over the
/// 4-peer line: 1.6–3.8 ms in six runs with them, 2.6–4.2 ms in two without; the spread between runs on a shared
/// VM is as large as the effect). Bulk transfers gain nothing from it (TransferBench within noise, uploads perhaps
/// 10 % slower); set the variable to 0 to turn it off. Kestrel still hands requests to the thread pool and grain
/// code runs on Orleans' scheduler; only short continuations (HttpClient parsing a peer's small JSON answer)
/// run on the socket engine's thread. The runtime reads the variable once,
/// when the first socket is created, so this runs first thing; an explicit setting ("0") is respected.
/// </summary>
public static class SocketTuning
{
    public const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
    }
}
