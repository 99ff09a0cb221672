using OrleansP2P.Contracts.Files;
using OrleansP2P.Grains.Diagnostics;

namespace OrleansP2P.Api.Transfer;

/// <summary>
/// One transfer, over gRPC or HTTP: runs its body, shows it on the <see cref="TransferBoard"/> while it runs and
/// records it once in <c>p2p_transfers_total</c>, <c>p2p_transfer_bytes_total</c> and <c>p2p_transfer_duration_seconds</c>:
/// <c>ok</c> when it returns, <c>rejected</c> when refused up front (bad name, unknown file, too big, a clash),
/// <c>failed</c> otherwise, and traces it as one <c>transfer</c> span. Exceptions pass through unchanged; each transport
/// maps them to its own statuses.
/// </summary>
public sealed class TransferMeter
{
    private readonly TransferBoard _board;
    private readonly P2PMetrics _metrics;
    private readonly long _startedTimestamp;
    private long _bytes;
    private TimeSpan? _elapsed;

    internal TransferMeter(TransferBoard board, P2PMetrics metrics, long id, string direction, string transport, string remote)
    {
        (_board, _metrics, Id, Direction, Transport, Remote) = (board, metrics, id, direction, transport, remote);
        Started = board.Time.GetUtcNow();
        _startedTimestamp = board.Time.GetTimestamp();
    }

    public long Id { get; }

    /// <summary><c>download</c> or <c>upload</c>, seen from this peer.</summary>
    public string Direction { get; }

    /// <summary><c>grpc</c> or <c>http</c>.</summary>
    public string Transport { get; }

    /// <summary>The other end's address, as the server saw it.</summary>
    public string Remote { get; }

    /// <summary>What <see cref="Name"/> shows for an upload whose name <see cref="SafeFileName"/> refuses.</summary>
    public const string InvalidName = "(invalid)";

    /// <summary>
    /// The file name, once validated (empty until then): a download's as the index resolved it, an upload's once
    /// <see cref="ShowUploadName"/> found it safe. A name a client sent is never shown as sent: the board is public.
    /// </summary>
    public string Name { get; set; } = "";

    /// <summary>Shows the name an upload announced if it is a safe file name (so at most 255 bytes), else <see cref="InvalidName"/>.</summary>
    public void ShowUploadName(string announced) => Name = SafeFileName.Problem(announced) is null ? announced : InvalidName;

    /// <summary>The whole file's size, when known.</summary>
    public long? Size { get; set; }

    /// <summary>Bytes moved so far; the body adds to it as it goes (read by the board from other threads).</summary>
    public long Bytes
    {
        get => Interlocked.Read(ref _bytes);
        set => Interlocked.Exchange(ref _bytes, value);
    }

    public DateTimeOffset Started { get; }

    /// <summary><c>active</c> while running, then the outcome label recorded: <c>ok</c>, <c>failed</c> or <c>rejected</c>.</summary>
    public string Outcome { get; private set; } = "active";

    /// <summary>Why it was refused or failed.</summary>
    public string? Detail { get; private set; }

    /// <summary>Time spent so far, or in total once finished.</summary>
    public TimeSpan Elapsed => _elapsed ?? _board.Time.GetElapsedTime(_startedTimestamp);

    public async Task<T> RunAsync<T>(Func<TransferMeter, Task<T>> body)
    {
        _board.Add(this);
        using var span = PeerTracing.StartTransfer(Direction, Transport);
        var outcome = "failed";
        try
        {
            var result = await body(this);
            outcome = "ok";
            return result;
        }
        catch (TransferException e)
        {
            outcome = e.IsRejection ? "rejected" : "failed";
            Detail = e.Message;
            throw;
        }
        catch (Exception e)
        {
            Detail = e.Message;
            throw;
        }
        finally
        {
            _elapsed = _board.Time.GetElapsedTime(_startedTimestamp);
            Outcome = outcome;
            _metrics.TransferCompleted(Direction, outcome, Bytes, _elapsed.Value);
            span?.SetTag("p2p.outcome", outcome);
            span?.SetTag("p2p.bytes", Bytes);
            if (outcome != "ok")
                PeerTracing.Fail(span, Detail ?? outcome);
            _board.Complete(this);
        }
    }
}
