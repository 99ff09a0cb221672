using System.CommandLine;
using OrleansP2P.Cli.Transfer;

namespace OrleansP2P.Cli.Commands;

/// <summary>
/// What <c>download</c> and <c>get</c> take alike (where to save, what to replace, how long to wait for the source),
/// and the downloader those options configure.
/// </summary>
public sealed class DownloadOptions
{
    public Option<DirectoryInfo> OutputFolder { get; } = CommonOptions.OutputFolder();

    public Option<bool> Overwrite { get; } = CommonOptions.Overwrite("Replace an existing file of the same name with other content");

    public Option<double> IdleTimeout { get; } = CommonOptions.IdleTimeout();

    public void AddTo(Command command)
    {
        command.Add(OutputFolder);
        command.Add(Overwrite);
        command.Add(IdleTimeout);
    }

    public string Directory(ParseResult result) => result.GetRequiredValue(OutputFolder).FullName;

    public FileDownloader Downloader(ParseResult result, GrpcTarget source, IProgressBoard board) => new(source, board)
    {
        Overwrite = result.GetValue(Overwrite),
        IdleTimeout = result.IdleLimit(IdleTimeout),
    };
}
