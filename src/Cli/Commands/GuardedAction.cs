using System.CommandLine;
using OrleansP2P.Cli.Output;

namespace OrleansP2P.Cli.Commands;

/// <summary>
/// Runs a command body and turns every failure into one line on stderr and a non-zero exit code:
/// the user never sees a stack trace.
/// </summary>
public static class GuardedAction
{
    public static Command SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                return await body(result, cancellationToken);
            }
            catch (CliException e)
            {
                ErrorOutput.Write(e.Message);
                return e.ExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                ErrorOutput.Write("cancelled");
                return ExitCodes.Cancelled;
            }
            catch (Exception e)
            {
                ErrorOutput.Write($"unexpected error: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}
