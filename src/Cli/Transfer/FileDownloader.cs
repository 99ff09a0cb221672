using System.Diagnostics;
using Grpc.Core;
using OrleansP2P.Cli.Output;
using OrleansP2P.Protos;

namespace OrleansP2P.Cli.Transfer;

/// <summary>
/// Downloads one file with <c>DummyDownload</c>: reads the announced size and SHA-256 from the response
/// headers, streams the chunks into a <see cref="PartFile"/>, and verifies before renaming into place.
/// </summary>
public sealed class FileDownloader(GrpcTarget source, IProgressDisplay display)
{
    public async Task<DownloadResult> DownloadAsync(string name, string outDirectory, CancellationToken cancellationToken)
    {
        var finalPath = SafeFileName.Combine(outDirectory, name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var channel = source.CreateChannel();
            using var call = new FileTransfer.FileTransferClient(channel)
                .DummyDownload(new FileRequest { Filename = name }, cancellationToken: cancellationToken);
            var announced = AnnouncedFile.FromHeaders(await call.ResponseHeadersAsync);

            var (bytes, sha256) = await display.RunAsync(name, announced.Size, async progress =>
            {
                await using var part = PartFile.Create(finalPath, announced);
                await foreach (var chunk in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    await part.WriteAsync(chunk.Data.Memory, cancellationToken);
                    progress.Advance(chunk.Data.Length);
                }
                return (part.Length, await part.CommitAsync());
            });

            var elapsed = Stopwatch.GetElapsedTime(started);
            return new DownloadResult(name, source.ToString(), finalPath, bytes, sha256, announced.Sha256 is not null,
                Math.Round(elapsed.TotalMilliseconds, 1), Math.Round(Format.MegabytesPerSecondValue(bytes, elapsed), 2));
        }
        catch (RpcException e)
        {
            throw TransferErrors.Explain(e, name, source);
        }
    }
}
