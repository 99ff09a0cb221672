using OrleansP2P.Cli.Transfer;
using Spectre.Console;

namespace OrleansP2P.Cli.Output;

/// <summary>
/// A Spectre.Console progress bar: bytes, speed, time left and time taken when the size is known;
/// an indeterminate bar with bytes, speed and time taken when it is not.
/// </summary>
public sealed class ProgressBarDisplay(IAnsiConsole console) : IProgressDisplay
{
    public async Task<T> RunAsync<T>(string label, long? totalBytes, Func<ITransferProgress, Task<T>> work)
    {
        ProgressColumn[] columns = totalBytes is null
            ? [new TaskDescriptionColumn(), new ProgressBarColumn(), new ReceivedBytesColumn(), new TransferSpeedColumn(), new ElapsedTimeColumn()]
            : [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(),
                new TransferSpeedColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn()];
        return await console.Progress().AutoClear(false).HideCompleted(false).Columns(columns).StartAsync(async context =>
        {
            // Spectre caps the value at the maximum: unknown sizes get an unreachable one until the end,
            // and an empty file a maximum of 1 so its bar can still reach 100 %.
            var task = context.AddTask(Markup.Escape(Format.Safe(label)), maxValue: totalBytes is { } total ? Math.Max(total, 1) : long.MaxValue);
            task.IsIndeterminate = totalBytes is null;
            var result = await work(new TaskProgress(task));
            task.IsIndeterminate = false;
            task.MaxValue = Math.Max(task.Value, 1);
            task.Value = task.MaxValue;
            task.StopTask();
            return result;
        });
    }

    private sealed class TaskProgress(ProgressTask task) : ITransferProgress
    {
        public void Advance(long bytes) => task.Increment(bytes);
    }
}
