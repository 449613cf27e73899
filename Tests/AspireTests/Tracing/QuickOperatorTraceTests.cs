using System.Net;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Alexandrite.ServiceDefaults.Telemetry;
using Alexandrite.Testing.Otlp;

namespace Alexandrite.AspireTests.Tracing;

/// <summary>
/// One trace per order whatever the timing: an operator who takes each step the moment the API allows it (the start
/// as soon as Shop.Api shows the order approved, which can be before MES has queued it) still adds every step to the
/// order's own trace, never to the trace of their request.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class QuickOperatorTraceTests(AspireFixture fixture)
{
    private const int Orders = 10;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task Every_step_taken_the_moment_it_is_allowed_is_in_the_order_s_trace()
    {
        var orders = new Dictionary<Guid, string>();
        for (var i = 0; i < Orders; i++)
        {
            var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
            var approved = await WaitForApprovalAsync(orderId);
            foreach (var step in OperatorSteps.Targets.Keys)
            {
                await TakeStepAsSoonAsAllowedAsync(orderId, step);
            }

            orders[orderId] = approved;
        }

        var stepNames = OperatorSteps.Targets.Values.Select(SpanNames.ManufacturingStep).ToHashSet(StringComparer.Ordinal);
        bool IsStep(ReceivedSpan span) => stepNames.Contains(span.Name) && span.GetString("order.id") is { } id && orders.ContainsKey(Guid.Parse(id));
        var spans = await fixture.Telemetry.WaitForSpansAsync(all => all.Count(IsStep) >= Orders * stepNames.Count, TraceAssertions.TelemetryTimeout);

        var misplaced = spans.Where(IsStep)
            .Where(span => span.TraceId != orders[Guid.Parse(span.GetString("order.id")!)])
            .Select(span => $"{span.Name} of {span.GetString("order.id")} in trace {span.TraceId}")
            .ToList();
        Assert.True(misplaced.Count == 0, "Steps outside their order's trace:\n" + string.Join('\n', misplaced));
    }

    /// <summary>Polls Shop.Api as fast as it answers; returns the order's trace id once it shows MANUFACTURING_APPROVED.</summary>
    private async Task<string> WaitForApprovalAsync(Guid orderId)
    {
        var deadline = DateTime.UtcNow + StepTimeout;
        while (true)
        {
            var order = await _shop.GetOrderAsync(orderId);
            if (order.GetProperty("status").GetString() == "MANUFACTURING_APPROVED")
            {
                return order.GetProperty("history")[0].GetProperty("traceId").GetString()!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Order {orderId} was not approved: {order}");
        }
    }

    /// <summary>The step, again and again while MES does not have the order yet (404), until it is taken.</summary>
    private async Task TakeStepAsSoonAsAllowedAsync(Guid orderId, string step)
    {
        var deadline = DateTime.UtcNow + StepTimeout;
        while (true)
        {
            using var response = await _shop.OperatorStepAsync(orderId, step);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            Assert.True(response.StatusCode == HttpStatusCode.NotFound && DateTime.UtcNow < deadline,
                $"{step} of {orderId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
