using OrleansP2P.Cli;

var parsed = CliApp.Create().Parse(args);
var exitCode = await parsed.InvokeAsync();
return parsed.Errors.Count > 0 ? ExitCodes.Usage : exitCode;
