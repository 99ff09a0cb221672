using Microsoft.Extensions.Options;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Silo;

/// <summary>Raised when the peer cannot start because of its configuration; the message names the key.</summary>
public sealed class PeerConfigurationException(string message) : Exception(message);

/// <summary>
/// Loads a peer's configuration: the seed-format JSON file given by <c>--config</c>, then
/// <c>P2P__KEY</c> environment variables (a <c>--role</c> on the command line wins over both); resolves relative paths against the file's folder (where
/// <c>data_dir</c> defaults to <c>data/NAME</c>) and picks free Orleans ports when none are given. Binds
/// and validates the result as the host will (<see cref="PeerOptionsBinding"/>), so a bad value stops the
/// peer before it listens, naming the key.
/// </summary>
public static class PeerConfiguration
{
    public static PeerOptions Load(IConfigurationManager configuration)
    {
        var path = configuration["config"];
        if (string.IsNullOrWhiteSpace(path))
            throw new PeerConfigurationException("--config PATH is required (for example --config configs/peer1.json)");
        var file = Path.GetFullPath(path);
        if (!File.Exists(file))
            throw new PeerConfigurationException($"--config: file '{file}' does not exist");

        var roleOnCommandLine = configuration["role"]; // `Silo --role gateway` wins over the file and the environment
        try
        {
            configuration.AddJsonFile(file, optional: false, reloadOnChange: false);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            throw new PeerConfigurationException($"--config: '{file}' is not valid JSON: {e.GetBaseException().Message}");
        }
        configuration.AddEnvironmentVariables("P2P__");

        var folder = Path.GetDirectoryName(file)!;
        var overrides = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(roleOnCommandLine))
            overrides["role"] = roleOnCommandLine;
        Resolve(configuration, overrides, "shared_dir", folder);
        Resolve(configuration, overrides, "data_dir", folder);
        foreach (var key in new[] { "tls_cert", "tls_key", "tls_ca" })
            Resolve(configuration, overrides, key, folder);
        // Beside the config file: on the file system of a shared_dir next to it as a rule, so an upload's part file is
        // renamed into shared_dir rather than copied; never the /tmp that every user of the machine can write to.
        if (string.IsNullOrWhiteSpace(configuration["data_dir"]))
            overrides["data_dir"] = Path.Combine(folder, "data", configuration["name"] ?? "peer");
        var free = new Queue<int>(FreePorts.Take(2));
        foreach (var key in new[] { "silo_port", "gateway_port" })
        {
            if (string.IsNullOrWhiteSpace(configuration[key]) || configuration[key] == "0")
                overrides[key] = free.Dequeue().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        configuration.AddInMemoryCollection(overrides);

        PeerOptions options;
        try
        {
            options = PeerOptionsBinding.Load(configuration);
        }
        catch (OptionsValidationException e)
        {
            throw new PeerConfigurationException($"invalid configuration in '{file}':{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", e.Failures));
        }
        catch (InvalidOperationException e)
        {
            // The binder's own message names the key and the value of the wrong type (its inner one names neither).
            throw new PeerConfigurationException($"invalid configuration: {e.Message}");
        }
        Directory.CreateDirectory(options.DataDir);
        return options;
    }

    private static void Resolve(IConfiguration configuration, Dictionary<string, string?> overrides, string key, string folder)
    {
        var value = configuration[key];
        if (!string.IsNullOrWhiteSpace(value))
            overrides[key] = Path.GetFullPath(value, folder);
    }
}
