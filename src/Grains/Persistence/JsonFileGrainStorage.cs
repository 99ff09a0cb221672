using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Grains.Persistence;

/// <summary>
/// The embedded grain store: one JSON file per grain state under <c>data_dir/state</c>, written to a
/// temporary file, flushed to disk and renamed over the old one (the folder flushed after), so a crash
/// leaves either the old or the new state. A missing file is an empty state; a corrupt one is set aside
/// with a warning and the grain starts empty (never a crash).
/// </summary>
public sealed partial class JsonFileGrainStorage(IOptions<PeerOptions> options, ILogger<JsonFileGrainStorage> logger) : IGrainStorage
{
    private readonly string _folder = Path.Combine(options.Value.DataDir, "state");

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        if (!File.Exists(path))
        {
            grainState.RecordExists = false;
            return;
        }
        try
        {
            await using var stream = File.OpenRead(path);
            var state = await JsonSerializer.DeserializeAsync<T>(stream, P2PJson.Options)
                ?? throw new JsonException("the file holds null");
            grainState.State = state;
            grainState.RecordExists = true;
            grainState.ETag = File.GetLastWriteTimeUtc(path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            var aside = $"{path}.corrupt-{DateTime.UtcNow:yyyyMMddHHmmss}";
            TryMove(path, aside);
            LogCorrupt(logger, path, aside, e.Message);
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Directory.CreateDirectory(_folder);
        var path = PathOf(stateName, grainId);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(stream, grainState.State, P2PJson.Options);
                await stream.FlushAsync();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
            DirectorySync.Flush(_folder); // the rename itself survives a crash only once the folder is on disk
        }
        finally
        {
            TryDelete(temp);
        }
        grainState.RecordExists = true;
        grainState.ETag = File.GetLastWriteTimeUtc(path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        TryDelete(PathOf(stateName, grainId));
        grainState.RecordExists = false;
        grainState.ETag = null;
        return Task.CompletedTask;
    }

    /// <summary>File names come from a hash of the grain id, never from the id's text.</summary>
    private string PathOf(string stateName, GrainId grainId)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{stateName}/{grainId}")))[..32];
        return Path.Combine(_folder, $"{hash}.json");
    }

    private static void TryMove(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: true);
        }
        catch (IOException)
        {
            TryDelete(from);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Nothing more to do: the next write replaces it.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain state {Path} is unreadable ({Reason}); set aside as {Aside}, starting empty")]
    private static partial void LogCorrupt(ILogger logger, string path, string aside, string reason);
}
