using System.Diagnostics;
using OpenTelemetry;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Puts order.id on every span that runs for an order, including the ones the libraries start (HTTP server
/// and client, Npgsql, S3, RabbitMQ): the id travels as baggage, and this copies it onto the span when it
/// ends, before any exporter sees it. Registered ahead of the exporters.
/// </summary>
internal sealed class OrderIdSpanProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        if (data.GetTagItem(SemanticAttributes.OrderId) is null && data.GetBaggageItem(SemanticAttributes.OrderId) is { } orderId)
        {
            data.SetTag(SemanticAttributes.OrderId, orderId);
        }
    }
}
