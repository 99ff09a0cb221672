using OrleansP2P.Cli;

var parsed = CliApp.Create().Parse(args);
try
{
    CliCredentials.Apply(parsed);
}
catch (CliException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return ExitCodes.Usage;
}
var exitCode = await parsed.InvokeAsync();
return parsed.Errors.Count > 0 ? ExitCodes.Usage : exitCode;
