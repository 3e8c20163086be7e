using RegDiag.Cli;

return await CommandLine.RunAsync(args);
