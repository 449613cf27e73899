using Alexandrite.ServiceDefaults.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alexandrite.UnitTests.ServiceDefaults;

/// <summary>Logging:Console:LogLevel:Default holds for the console however its variable is spelt.</summary>
public sealed class ConsoleLogLevelTests
{
    [Theory]
    [InlineData("Logging:Console:LogLevel:Default")]
    [InlineData("LOGGING:CONSOLE:LOGLEVEL:DEFAULT")]
    public void The_console_writes_nothing_below_the_configured_level(string key)
    {
        using var logging = ConsoleOnly(new() { ["Logging:LogLevel:Default"] = "Information", [key] = "Warning", ["LOGGING:CONSOLE:FORMATTERNAME"] = "simple" });
        var logger = logging.GetRequiredService<ILoggerFactory>().CreateLogger("Alexandrite.Shop.Api.Orders.OrderService");

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void Without_a_console_level_the_general_level_holds()
    {
        using var logging = ConsoleOnly(new() { ["Logging:LogLevel:Default"] = "Information" });

        Assert.True(logging.GetRequiredService<ILoggerFactory>().CreateLogger("Alexandrite.Test").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void A_level_that_is_none_is_refused_with_its_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ConsoleLogLevel.Key] = "Loud" }).Build();

        var failure = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddLogging(logging => logging.AddConsoleLevelFromConfiguration(configuration)));
        Assert.Contains(ConsoleLogLevel.Key, failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider ConsoleOnly(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging(logging => logging
                .AddConfiguration(configuration.GetSection("Logging"))
                .AddConsole()
                .AddConsoleLevelFromConfiguration(configuration))
            .BuildServiceProvider();
    }
}
