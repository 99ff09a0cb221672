using OrleansP2P.Cli.Transfer;
using Spectre.Console;

namespace OrleansP2P.Cli.Output;

/// <summary>Spectre.Console progress bars, one line per transfer: percentage, bytes, speed, time left and time taken.</summary>
public sealed class ProgressBarDisplay(IAnsiConsole console) : IProgressDisplay
{
    public Task<T> RunAsync<T>(Func<IProgressBoard, Task<T>> work) =>
        console.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(),
                new TransferSpeedColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn())
            .StartAsync(context => work(new Board(context)));

    private sealed class Board(ProgressContext context) : IProgressBoard
    {
        public ITransferProgress Add(string label, long totalBytes, long doneBytes = 0)
        {
            // An empty file gets a maximum of 1 so that its bar can still reach 100 %.
            var task = context.AddTask(Markup.Escape(Format.Safe(label)), maxValue: Math.Max(totalBytes, 1));
            var progress = new TaskProgress(task, totalBytes);
            progress.Advance(doneBytes);
            return progress;
        }
    }

    private sealed class TaskProgress(ProgressTask task, long totalBytes) : ITransferProgress
    {
        public void Advance(long bytes)
        {
            task.Increment(bytes);
            if (task.Value >= totalBytes)
            {
                task.Value = task.MaxValue;
                task.StopTask();
            }
        }

        public void Describe(string label) => task.Description = Markup.Escape(Format.Safe(label));
    }
}
