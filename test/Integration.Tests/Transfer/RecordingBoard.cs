using System.Collections.Concurrent;
using OrleansP2P.Cli.Transfer;

namespace OrleansP2P.Integration.Tests.Transfer;

/// <summary>
/// A progress board for the CLI's transfer classes that records what each line was told, and can cancel a
/// transfer once it has stored a given number of bytes (to cut a download mid-way).
/// </summary>
public sealed class RecordingBoard(long cancelAfterBytes = long.MaxValue, CancellationTokenSource? cancel = null) : IProgressBoard
{
    public ConcurrentDictionary<string, Line> Lines { get; } = new();

    public ITransferProgress Add(string label, long totalBytes, long doneBytes = 0) =>
        Lines[label] = new Line(this, totalBytes, doneBytes);

    public sealed class Line(RecordingBoard board, long totalBytes, long doneBytes) : ITransferProgress
    {
        private long _advanced;

        public long TotalBytes => totalBytes;

        /// <summary>Bytes already in place when the transfer started (a resumed download).</summary>
        public long DoneBytes => doneBytes;

        /// <summary>Bytes this transfer stored itself.</summary>
        public long Advanced => Interlocked.Read(ref _advanced);

        public void Advance(long bytes)
        {
            if (Interlocked.Add(ref _advanced, bytes) >= board._cancelAfter)
                board._cancel?.Cancel();
        }
    }

    private readonly long _cancelAfter = cancelAfterBytes;
    private readonly CancellationTokenSource? _cancel = cancel;
}
