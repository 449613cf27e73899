extern alias CrmApi;

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Alexandrite.Benchmarks.Load;
using Alexandrite.Contracts;
using CrmApi::Alexandrite.Crm.Api.Watchdog;
using Npgsql;

namespace Alexandrite.Benchmarks.Scale;

/// <summary>
/// The reads that must stay fast at a million orders, each repeated for its percentiles after untimed warm-up calls:
/// Mes.Api's operator queue and Crm.Api's stuck list (first page, then the page after it, as Shop.Web pages), and the
/// watchdog's check, run by the watchdog's own code (Crm.Api's StuckOrders: the open-order count for the gauges, then
/// the breach query) with the watchdog's default limits, then each of its commands explained as it was sent.
/// </summary>
internal sealed class ScaleQueries(HttpClient mesApi, HttpClient crmApi, AccessTokenSource tokens, string shopDbConnectionString, NpgsqlDataSource shopDb)
{
    /// <summary>
    /// Untimed reads before the timed ones, as the pipeline is warmed before its steps: each of a service's pooled
    /// connections pays once for its first plans and catalog lookups, and Npgsql prepares a statement on its fifth use
    /// on a connection. With one untimed read, those first uses were among the timed ones.
    /// </summary>
    private const int WarmUps = 20;

    public Task<IReadOnlyList<double>> OperatorQueueAsync(int repeats, RequestRecorder recorder, CancellationToken cancellationToken) =>
        FirstTwoPagesAsync(mesApi, "/api/operator/queue", RequestKind.OperatorQueue, Roles.Operator, ResourceNames.MesApi, repeats, recorder, cancellationToken);

    public Task<IReadOnlyList<double>> StuckListAsync(int repeats, RequestRecorder recorder, CancellationToken cancellationToken) =>
        FirstTwoPagesAsync(crmApi, "/api/orders/stuck", RequestKind.StuckList, Roles.Support, ResourceNames.CrmApi, repeats, recorder, cancellationToken);

    /// <summary>The watchdog's check timed (milliseconds per check), and the plan of each of its commands.</summary>
    public async Task<(IReadOnlyList<double> Timings, IReadOnlyDictionary<string, IReadOnlyList<string>> Plans)> WatchdogAsync(int repeats, CancellationToken cancellationToken)
    {
        using var captured = new CapturedCommands(shopDbConnectionString);
        var stuckOrders = new StuckOrders(captured.DataSource);
        var limits = new WatchdogOptions().StageLimits();
        var timings = new List<double>();
        for (var i = 0; i < WarmUps + repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var now = DateTimeOffset.UtcNow;
            await stuckOrders.CountOpenAsync(limits, now, cancellationToken);
            await stuckOrders.RecordBreachesAsync(limits, now, cancellationToken);
            if (i >= WarmUps)
            {
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var plans = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (text, parameters) in captured.Commands.ToList())
        {
            plans[text] = await QueryPlans.ExplainAsync(shopDb, text, parameters, cancellationToken);
        }

        return (timings, plans);
    }

    /// <summary>A paged list read as a user pages it, the first page and the one after it in turn, timed after the untimed warm-up reads.</summary>
    private async Task<IReadOnlyList<double>> FirstTwoPagesAsync(
        HttpClient client, string path, RequestKind kind, string role, string audience, int repeats, RequestRecorder recorder, CancellationToken cancellationToken)
    {
        string? next = null;
        var timings = new List<double>();
        for (var i = 0; i < WarmUps + repeats; i++)
        {
            var (milliseconds, body) = await GetAsync(client, i % 2 == 1 && next is not null ? $"{path}?after={next}" : path, kind, role, audience, recorder, cancellationToken);
            if (i == 0)
            {
                next = body?.GetProperty("next").GetString();
            }

            if (i >= WarmUps)
            {
                timings.Add(milliseconds);
            }
        }

        return timings;
    }

    private async Task<(double Milliseconds, JsonElement? Body)> GetAsync(
        HttpClient client, string path, RequestKind kind, string role, string audience, RequestRecorder recorder, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.For(role, role, audience));
        var started = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        recorder.Add(new RequestSample(kind, (int)response.StatusCode, milliseconds), response.IsSuccessStatusCode ? null : text);
        return (milliseconds, response.IsSuccessStatusCode ? JsonSerializer.Deserialize<JsonElement>(text) : null);
    }
}
