using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.AspireTests.Lifecycle;

/// <summary>
/// The AppHost's dashboard commands, run as a click on them runs them (Development only): a demo order that moves
/// through every service, and pausing MES's consumer so an order visibly waits while MES itself stays healthy. The
/// /diagnostics endpoints they call are for staff: each command carries its own access token, and the service logs
/// who paused it.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class DemoCommandTests(AspireFixture system)
{
    /// <summary>How long an order must sit unmoved to show the pause holds it.</summary>
    private static readonly TimeSpan HeldFor = TimeSpan.FromSeconds(3);

    /// <summary>The name the AppHost's commands call the services in (AppHost/DiagnosticsCommands.cs).</summary>
    private const string CommandUser = "aspire-dashboard";

    private readonly ShopClient _shop = new(system);

    [Fact]
    public async Task A_demo_order_is_created_uploaded_and_submitted_for_the_development_customer_and_waits_for_the_manager()
    {
        var before = await ShopClient.OrderIdsAsync(system.ShopApi);

        await system.App.RunCommandAsync(ResourceNames.ShopApi, "demo-order");

        // The customer's newest order is the demo order: it is theirs, listed under "My orders".
        var orderId = Assert.Single((await ShopClient.OrderIdsAsync(system.ShopApi)).Except(before));
        var order = await _shop.WaitForStatusAsync(orderId, "PRICE_CALCULATED");
        Assert.Equal(12, order.GetProperty("model").GetProperty("polygons").GetInt64());
        Assert.Contains((await system.Manager.GetFromJsonAsync<JsonElement>("/api/approvals/pending")).EnumerateArray(),
            pending => pending.GetProperty("orderId").GetGuid() == orderId);
    }

    [Fact]
    public async Task While_MES_takes_no_orders_a_submitted_order_waits_and_MES_stays_healthy_then_it_moves_on()
    {
        await system.App.RunCommandAsync(ResourceNames.MesApi, "pause-consumer");
        Guid orderId;
        try
        {
            orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
            await Task.Delay(HeldFor);

            Assert.Equal("SUBMITTED", (await _shop.GetOrderAsync(orderId)).GetProperty("status").GetString());
            using var health = await system.MesApi.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Contains(system.LogLines(ResourceNames.MesApi), line => line.Contains($"paused by {CommandUser}", StringComparison.Ordinal));
        }
        finally
        {
            await system.App.RunCommandAsync(ResourceNames.MesApi, "resume-consumer");
        }

        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        // An Information record: in the structured logs, not on the console (which carries warnings and errors).
        await system.Telemetry.WaitForLogRecordsAsync(
            all => all.Any(log => log.ServiceName == ResourceNames.MesApi && log.Body is string body && body.Contains($"resumed by {CommandUser}", StringComparison.Ordinal)),
            TraceAssertions.TelemetryTimeout);
    }

    [Theory]
    [InlineData(ResourceNames.ShopWeb)]
    [InlineData(ResourceNames.ShopApi)]
    [InlineData(ResourceNames.MesApi)]
    [InlineData(ResourceNames.CrmApi)]
    public async Task The_failure_trace_command_reaches_the_staff_only_failure_endpoint_of_every_service(string service)
    {
        // The command reports success only when the service answers 5xx (the deliberate failure): a 401 or 403,
        // the answer without the command's token, fails it and RunCommandAsync throws.
        await system.App.RunCommandAsync(service, "failure-trace");
    }
}
