using System.CommandLine;
using System.Text.Json;
using OrleansP2P.Cli.Contracts;
using OrleansP2P.Cli.Output;
using OrleansP2P.Cli.Transfer;
using Spectre.Console;

namespace OrleansP2P.Cli.Commands;

/// <summary><c>p2p download NAME --from HOST:GRPC_PORT [--out DIR]</c>: fetch one file over gRPC and verify it.</summary>
public static class DownloadCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The shared file's name, exactly as `p2p files` lists it" };
        var from = new Option<GrpcTarget>("--from", "--grpc")
        {
            Description = "gRPC address of the peer holding the file (the grpc column of files/search)",
            HelpName = "HOST:GRPC_PORT",
            Required = true,
            CustomParser = result => GrpcTarget.TryParse(result.Tokens[0].Value, out var error) ?? Fail(result, error),
        };
        var outDir = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder to save into (created when missing)",
            HelpName = "DIR",
            DefaultValueFactory = _ => new DirectoryInfo("."),
        };
        var json = CommonOptions.Json();

        var command = new Command("download", "Download a file from a peer over gRPC, verifying its SHA-256") { name, from, outDir, json };
        return command.SetGuardedAction(async (result, cancellationToken) =>
        {
            var asJson = result.GetValue(json);
            var display = asJson ? SilentProgress.Instance : (IProgressDisplay)new ProgressBarDisplay(AnsiConsole.Console);
            var downloaded = await new FileDownloader(result.GetRequiredValue(from), display)
                .DownloadAsync(result.GetRequiredValue(name), result.GetRequiredValue(outDir).FullName, cancellationToken);
            if (asJson)
                Console.Out.WriteLine(JsonSerializer.Serialize(downloaded, CliJson.Options));
            else
                PrintSummary(downloaded);
            return ExitCodes.Ok;
        });
    }

    private static void PrintSummary(DownloadResult d)
    {
        var elapsed = TimeSpan.FromMilliseconds(d.ElapsedMs);
        Console.Out.WriteLine($"saved {Format.Safe(d.Name)} from {d.Source} to {Format.Safe(d.Path)}");
        Console.Out.WriteLine($"{d.Bytes} bytes ({Format.Bytes(d.Bytes)}) in {Format.Seconds(elapsed)}, {Format.MegabytesPerSecond(d.Bytes, elapsed)}");
        Console.Out.WriteLine(d.Verified
            ? $"sha256 {d.Sha256} verified"
            : $"sha256 {d.Sha256} (not verified: the peer sent no {AnnouncedFile.Sha256Header} header)");
    }

    private static GrpcTarget? Fail(System.CommandLine.Parsing.ArgumentResult result, string? error)
    {
        result.AddError($"--from: {error}");
        return null;
    }
}
