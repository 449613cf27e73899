using System.Globalization;
using Alexandrite.Testing.Otlp;

namespace Alexandrite.EndToEnd.Tests.Faces;

/// <summary>The order's trace as the OTLP receiver standing in for the dashboard got it.</summary>
internal sealed class ReceiverOrderTraces(OtlpReceiver receiver) : IOrderTraces
{
    public async Task<IReadOnlyList<TraceSpan>> WaitForOrderTraceAsync(Guid orderId, Func<IReadOnlyList<TraceSpan>, bool> isComplete, TimeSpan timeout)
    {
        IReadOnlyList<TraceSpan> trace = [];
        try
        {
            await receiver.WaitForSpansAsync(all => isComplete(trace = OrderTrace(all, orderId.ToString())), timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"The trace of order {orderId} was not complete after {timeout}; it has: {string.Join(", ", trace.Select(span => $"{span.ServiceName}:{span.Name}"))}");
        }

        return trace;
    }

    private static List<TraceSpan> OrderTrace(IReadOnlyList<ReceivedSpan> all, string orderId)
    {
        var traceId = all.FirstOrDefault(span => span.Name == "CreateOrder" && span.GetString("order.id") == orderId)?.TraceId;
        return traceId is null
            ? []
            : all.Where(span => span.TraceId == traceId).Select(ToTraceSpan).ToList();
    }

    private static TraceSpan ToTraceSpan(ReceivedSpan span) => new(
        span.TraceId,
        span.SpanId,
        span.ParentSpanId,
        span.Name,
        span.ServiceName ?? "",
        span.Attributes.ToDictionary(pair => pair.Key, pair => Convert.ToString(pair.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal));
}
