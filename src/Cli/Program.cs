using OrleansP2P.Cli;

return await CliApp.Create().Parse(args).InvokeAsync();
