using Zhenxing.Web.Infrastructure.Cli;

return await ZhenxingCommands.RunAsync(args);

/// <summary>The entry point; public so that integration tests can host the app.</summary>
public partial class Program;
