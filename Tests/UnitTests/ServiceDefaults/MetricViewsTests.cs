using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Alexandrite.UnitTests.ServiceDefaults;

/// <summary>
/// The service defaults leave the per-operation instruments of Npgsql, Kestrel's memory pool, routing, authentication and
/// authorization disabled, so the libraries do not measure them, while the same meters' other instruments are collected.
/// </summary>
public sealed class MetricViewsTests
{
    [Theory]
    [InlineData("Npgsql", "db.client.operation.npgsql.bytes_read", false)]
    [InlineData("Npgsql", "db.client.operation.npgsql.bytes_written", false)]
    [InlineData("Npgsql", "db.client.operation.duration", true)]
    [InlineData("Npgsql", "db.client.connection.count", true)]
    [InlineData("Npgsql", "db.client.operation.npgsql.executing", false)]
    [InlineData("Npgsql", "db.client.operation.failed", true)]
    [InlineData("Microsoft.AspNetCore.MemoryPool", "aspnetcore.memory_pool.rented", false)]
    [InlineData("Microsoft.AspNetCore.Routing", "aspnetcore.routing.match_attempts", false)]
    [InlineData("Microsoft.AspNetCore.Authentication", "aspnetcore.authentication.authenticate.duration", false)]
    [InlineData("Microsoft.AspNetCore.Authorization", "aspnetcore.authorization.attempts", false)]
    [InlineData("Microsoft.AspNetCore.Hosting", "http.server.request.duration", true)]
    [InlineData("Microsoft.AspNetCore.Hosting", "http.server.active_requests", true)]
    [InlineData("Microsoft.AspNetCore.Server.Kestrel", "kestrel.active_connections", true)]
    public async Task Per_operation_instruments_are_not_enabled_and_the_rest_of_their_meters_is(string meterName, string instrumentName, bool collected)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.ConfigureOpenTelemetry();

        // Aspire.Npgsql adds Npgsql's meter with each data source, the AppHost an exporter; the test has neither.
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddMeter("Npgsql")
            .AddReader(new BaseExportingMetricReader(new NoExport())));
        using var host = builder.Build();
        await host.StartAsync();
        _ = host.Services.GetRequiredService<MeterProvider>();
        using var meter = new Meter(meterName);

        var instrument = meter.CreateCounter<long>(instrumentName);

        // The meter itself is collected (another of its instruments is enabled): a dropped instrument is the view's doing.
        Assert.True(meter.CreateCounter<long>("alexandrite.test.other").Enabled, $"{meterName} is not collected at all");
        Assert.Equal(collected, instrument.Enabled);
        await host.StopAsync();
    }

    private sealed class NoExport : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
