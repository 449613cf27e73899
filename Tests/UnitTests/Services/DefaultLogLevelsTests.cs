using Alexandrite.UnitTests.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alexandrite.UnitTests.Services;

/// <summary>
/// Each service's appsettings.json sets the levels the Aspire and ASP.NET Core templates set, and quiets what writes
/// records on every request or call (the hosting and routing records, HttpClient's four per call, Polly's attempt,
/// Npgsql's record per command), so what a request logs at Information is the project's own business events. Read
/// from each service as its Program builds it (the filter rules it ends up with), not from the files.
/// </summary>
[Collection(ServiceDefaultsHostCollection.Name)]
public sealed class DefaultLogLevelsTests(RunningServices services) : IClassFixture<RunningServices>
{
    public static TheoryData<string> Names => [.. ServiceFactory.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Per_request_framework_records_are_off_below_Warning_and_the_services_own_are_on(string name)
    {
        using var loggers = LoggersOf(services.Named(name));

        string[] quiet =
        [
            "Microsoft.AspNetCore.Hosting.Diagnostics",
            "Microsoft.AspNetCore.Routing.EndpointMiddleware",
            "Microsoft.AspNetCore.Http.Result.JsonResult",
            "System.Net.Http.HttpClient.shop-api.LogicalHandler",
            "System.Net.Http.HttpClient.shop-api.ClientHandler",
            "Polly",
            "Npgsql.Command",
        ];
        foreach (var category in quiet)
        {
            var logger = loggers.CreateLogger(category);
            Assert.False(logger.IsEnabled(LogLevel.Information), $"{name}: {category} writes Information records.");
            Assert.True(logger.IsEnabled(LogLevel.Warning), $"{name}: {category} hides its warnings.");
        }

        foreach (var category in new[] { "Alexandrite.Shop.Api.Orders.OrderService", "Microsoft.Hosting.Lifetime" })
        {
            var logger = loggers.CreateLogger(category);
            Assert.True(logger.IsEnabled(LogLevel.Information), $"{name}: {category} hides its Information records.");
            Assert.False(logger.IsEnabled(LogLevel.Debug), $"{name}: {category} writes Debug records.");
        }
    }

    /// <summary>A logger factory with the service's own filter rules (its providers are cleared in tests) over a provider that takes everything.</summary>
    private static LoggerFactory LoggersOf(IServiceUnderTest service) =>
        new([new TakesEverything()], service.Services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>());

    private sealed class TakesEverything : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public bool IsEnabled(LogLevel logLevel) => true;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }

        public void Dispose()
        {
        }
    }
}
