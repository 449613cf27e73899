using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Alexandrite.ServiceDefaults.Hosting;

/// <summary>
/// Logging:Console:LogLevel:Default (the AppHost sets Warning: the dashboard's structured logs carry the rest) as a rule
/// on the console provider's type, so it holds however the variables that set it are spelt.
/// <para>
/// Why: a provider's section under Logging becomes a filter rule named by the section's key as spelt in configuration,
/// and the rule applies only when that name equals the provider's alias "Console" exactly
/// (https://learn.microsoft.com/dotnet/core/extensions/logging#how-filtering-rules-are-applied). The orchestrator sets
/// LOGGING__CONSOLE__FORMATTERNAME in capitals beside the AppHost's Logging__Console__LogLevel__Default, and which spelling
/// the section takes follows the order the process lists its environment in: one run, some services ignored the level.
/// </para>
/// </summary>
public static class ConsoleLogLevel
{
    public const string Key = "Logging:Console:LogLevel:Default";

    public static ILoggingBuilder AddConsoleLevelFromConfiguration(this ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[Key] is { } level)
        {
            logging.AddFilter<ConsoleLoggerProvider>(category: null, Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{Key} is '{level}', not a log level (Trace, Debug, Information, Warning, Error, Critical, None)."));
        }

        return logging;
    }
}
