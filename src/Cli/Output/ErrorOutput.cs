namespace OrleansP2P.Cli.Output;

/// <summary>The one place failures and warnings reach stderr, prefixed with the tool name.</summary>
public static class ErrorOutput
{
    public static void Write(string message) => Console.Error.WriteLine($"p2p: {Format.Safe(message)}");
}
