namespace OrleansP2P.Cli.Tests;

/// <summary>
/// Tests that run the CLI's entry point share process-wide state (<see cref="Console"/> writers, the key and CA in
/// <see cref="CliCredentials"/>), so they run one at a time, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessState
{
    public const string Name = "process-wide console and credentials";

    /// <summary>Back to no key and no CA (what a run without --key and P2P_NETWORK_KEY has).</summary>
    public static void ForgetCredentials() => CliCredentials.Apply(CliApp.Create().Parse(["files"]));
}
