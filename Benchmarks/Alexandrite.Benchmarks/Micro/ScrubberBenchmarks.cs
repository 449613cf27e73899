using Alexandrite.ServiceDefaults.Telemetry;
using BenchmarkDotNet.Attributes;

namespace Alexandrite.Benchmarks.Micro;

/// <summary>
/// <see cref="TelemetryScrubber"/>, which every span attribute and every log record's message and attributes pass
/// through before export: the usual cases (a URL with a query, a statement's text, a clean log message, a denied key) and the costly
/// one (free text that holds personal data).
/// </summary>
[MemoryDiagnoser]
public class ScrubberBenchmarks
{
    private const string OrderLog = "Order 3f2b8c1e-5d4a-4e7b-9c1d-2a6f8e0b4c3d moved from SUBMITTED to PRICE_CALCULATED by mes-api";
    private const string PersonalLog = "Could not notify ada@example.com (+44 20 7946 0000) about order 3f2b8c1e-5d4a-4e7b-9c1d-2a6f8e0b4c3d; card 4111 1111 1111 1111";
    private const string RequestUrl = "http://127.0.0.1:5101/api/orders/3f2b8c1e-5d4a-4e7b-9c1d-2a6f8e0b4c3d/model?email=ada@example.com";

    private const string OrderInsert = "INSERT INTO orders (id, status, material, customer_account, customer_name, customer_email, customer_phone, customer_address, trace_context, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), now())";

    [Benchmark(Baseline = true, Description = "url.full with a query")]
    public object? UrlAttribute() => TelemetryScrubber.ScrubAttribute("url.full", RequestUrl);

    [Benchmark(Description = "order.id attribute")]
    public object? OrderIdAttribute() => TelemetryScrubber.ScrubAttribute("order.id", "3f2b8c1e-5d4a-4e7b-9c1d-2a6f8e0b4c3d");

    [Benchmark(Description = "denied key (customer.email)")]
    public object? DeniedAttribute() => TelemetryScrubber.ScrubAttribute("customer.email", "ada@example.com");

    [Benchmark(Description = "db.query.text (an INSERT)")]
    public object? SqlAttribute() => TelemetryScrubber.ScrubAttribute("db.query.text", OrderInsert);

    [Benchmark(Description = "clean log message")]
    public string CleanMessage() => TelemetryScrubber.Scrub(OrderLog);

    [Benchmark(Description = "log message with e-mail, phone, card")]
    public string PersonalMessage() => TelemetryScrubber.Scrub(PersonalLog);
}
