using System.CommandLine;
using System.Text.Json;
using OrleansP2P.Cli.Output;
using OrleansP2P.Cli.Transfer;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Cli.Commands;

/// <summary>
/// <c>p2p upload FILE --to HOST:GRPC_PORT [--overwrite] [--idle-timeout SECONDS]</c>: share a local file on a peer,
/// verified end to end.
/// </summary>
public static class UploadCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The local file to upload; it is shared under its own name" };
        var to = CommonOptions.Grpc("--to", "gRPC address of the peer that should share the file");
        var overwrite = CommonOptions.Overwrite("Replace a different file of the same name on the peer");
        var idleTimeout = CommonOptions.IdleTimeout();
        var json = CommonOptions.Json();

        var command = new Command("upload", "Upload a file to a peer over gRPC; it is shared once its SHA-256 is verified")
        {
            file, to, overwrite, idleTimeout, json,
        };
        return command.SetGuardedAction(async (result, cancellationToken) =>
        {
            var local = result.GetRequiredValue(file);
            if (!local.Exists)
                throw CliException.Usage($"no such file: {local.FullName}");
            var asJson = result.GetValue(json);
            var uploaded = await CommonOptions.Display(asJson).RunAsync(board =>
                new FileUploader(result.GetRequiredValue(to), board) { IdleTimeout = result.IdleLimit(idleTimeout) }
                    .UploadAsync(local.FullName, result.GetValue(overwrite), cancellationToken));
            if (asJson)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(uploaded, P2PJson.Options));
            }
            else
            {
                var elapsed = TimeSpan.FromMilliseconds(uploaded.ElapsedMs);
                Console.Out.WriteLine($"uploaded {Format.Safe(uploaded.Name)} to {uploaded.Target}: {uploaded.Bytes} bytes ({Format.Bytes(uploaded.Bytes)}) "
                    + $"in {Format.Seconds(elapsed)}, {Format.MegabytesPerSecond(uploaded.Bytes, elapsed)}");
                Console.Out.WriteLine($"sha256 {uploaded.Sha256} verified by the peer");
            }
            return ExitCodes.Ok;
        });
    }
}
