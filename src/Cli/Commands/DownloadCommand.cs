using System.CommandLine;
using System.Text.Json;
using OrleansP2P.Cli.Output;
using OrleansP2P.Cli.Transfer;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Cli.Commands;

/// <summary>
/// <c>p2p download NAME --from HOST:GRPC_PORT [--out DIR] [--overwrite] [--idle-timeout SECONDS]</c>: fetch one file
/// over gRPC, resuming an interrupted attempt, and verify it.
/// </summary>
public static class DownloadCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The shared file's name, exactly as `p2p files` lists it" };
        var from = CommonOptions.Grpc("--from", "gRPC address of the peer holding the file (the grpc column of files/search)", "--grpc");
        var saving = new DownloadOptions();
        var json = CommonOptions.Json();

        var command = new Command("download", "Download a file from a peer over gRPC, resuming and verifying its SHA-256") { name, from };
        saving.AddTo(command);
        command.Add(json);
        return command.SetGuardedAction(async (result, cancellationToken) =>
        {
            var asJson = result.GetValue(json);
            var downloaded = await CommonOptions.Display(asJson).RunAsync(board =>
                saving.Downloader(result, result.GetRequiredValue(from), board)
                    .DownloadAsync(result.GetRequiredValue(name), saving.Directory(result), cancellationToken));
            if (asJson)
                Console.Out.WriteLine(JsonSerializer.Serialize(downloaded, P2PJson.Options));
            else
                PrintSummary(downloaded);
            return ExitCodes.Ok;
        });
    }

    public static void PrintSummary(DownloadResult d)
    {
        if (d.AlreadyPresent)
        {
            Console.Out.WriteLine($"{Format.Safe(d.Path)} is already there with sha256 {d.Sha256} (as on {d.Source}); nothing downloaded");
            return;
        }
        var elapsed = TimeSpan.FromMilliseconds(d.ElapsedMs);
        var resumed = d.ResumedFrom > 0 ? $", resumed at {Format.Bytes(d.ResumedFrom)}" : "";
        Console.Out.WriteLine($"saved {Format.Safe(d.Name)} from {d.Source} to {Format.Safe(d.Path)}");
        Console.Out.WriteLine($"{d.Bytes} bytes ({Format.Bytes(d.Bytes)}) in {Format.Seconds(elapsed)}, {Format.MegabytesPerSecond(d.Bytes - d.ResumedFrom, elapsed)}{resumed}");
        Console.Out.WriteLine($"sha256 {d.Sha256} verified");
    }
}
