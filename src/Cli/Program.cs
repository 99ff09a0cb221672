using OrleansP2P.Cli;

return await CliApp.RunAsync(args);
