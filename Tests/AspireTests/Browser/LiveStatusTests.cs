using System.Globalization;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Alexandrite.Testing.Otlp;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alexandrite.AspireTests.Browser;

/// <summary>
/// Issue 19's live status: an open page changes the moment its order does, pushed by the server (server-sent events)
/// rather than polled: the customer's order page, the manager's approvals and the operator's queue follow changes made elsewhere,
/// without a reload and without a request while nothing changes; and an idle open page costs no spans at all.
/// Latencies from the change to the page are printed, not asserted.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class LiveStatusTests(AspireFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan ChangeTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Long enough for the old 2-second polling to have asked several times, and for a heartbeat of the stream (15 s).</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(17);

    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task The_customer_s_order_page_shows_a_new_status_without_a_reload_and_without_polling()
    {
        SetDefaultExpectTimeout((float)ChangeTimeout.TotalMilliseconds);
        var orderId = await _shop.CreateOrderAsync("gold");
        using (var upload = await _shop.UploadAsync(orderId, SampleModels.BinaryStlCube(10), "cube.stl"))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }

        await using var session = await BrowserSession.LaunchAsync();
        var customer = await SignInAsync(session, Roles.Customer);
        await customer.GotoAsync($"/orders/{orderId}");
        await Expect(customer.GetByTestId("order-status")).ToHaveTextAsync("FILE_UPLOADED");

        // The page has loaded when its 3D preview has fetched the model once (the state is set after the fetch): on a
        // busy machine that fetch came after the page started following, and was counted as the idle page asking.
        await Expect(customer.Locator("[data-model-preview][data-preview-state]")).ToHaveCountAsync(1);
        await WaitUntilFollowingAsync(customer);
        await MarkDocumentAsync(customer, "[data-testid=order-status]", "FILE_UPLOADED");
        var requests = CountRequests(customer);

        // Nothing changes: the page asks for nothing (the old page asked for itself every 2 seconds).
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.True(requests.Count == 0, "The idle page sent requests:\n" + string.Join('\n', requests));

        // The order moves on elsewhere (the customer's own API client): the page shows it by itself.
        using (var submit = await fixture.ShopApi.PostAsync($"/api/orders/{orderId}/submit", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        }

        await Expect(customer.GetByTestId("order-status")).Not.ToHaveTextAsync("FILE_UPLOADED");
        var submittedAt = ChangedAt(await _shop.GetOrderAsync(orderId), "SUBMITTED");
        output.WriteLine($"Order page: {await ChangeLatencyAsync(customer, submittedAt)} ms from SUBMITTED being written to the page showing it");

        // The same document (no navigation happened), and what it fetched is the page itself, for its live section.
        Assert.True(await IsSameDocumentAsync(customer), "The page was reloaded or navigated away.");
        Assert.All(requests, request => Assert.Equal($"/orders/{orderId}", new Uri(request).AbsolutePath));
        Assert.NotEmpty(requests);

        // And it keeps following: the price arrives the same way.
        await Expect(customer.GetByTestId("order-status")).ToHaveTextAsync("PRICE_CALCULATED");
        await Expect(customer.GetByTestId("price")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*[\d,]+\.\d{2} EUR\s*$"));
        Assert.True(await IsSameDocumentAsync(customer), "The page was reloaded or navigated away.");

        // The page's fetches of itself were not traced: following an order is not a user action.
        await customer.Context.CloseAsync();
        var refreshes = (await SpansUntilNowAsync())
            .Where(span => span.ServiceName == ResourceNames.ShopWeb && span.StartTime >= submittedAt && span.GetString("url.path") == $"/orders/{orderId}")
            .Select(Describe)
            .ToList();
        Assert.True(refreshes.Count == 0, "The page's refreshes were traced:\n" + string.Join('\n', refreshes));
    }

    [Fact]
    public async Task The_approvals_queue_gains_and_loses_an_order_without_a_reload()
    {
        SetDefaultExpectTimeout((float)ChangeTimeout.TotalMilliseconds);
        await using var session = await BrowserSession.LaunchAsync();
        var manager = await SignInAsync(session, Roles.Manager);
        await manager.GotoAsync("/backoffice/approvals");
        await WaitUntilFollowingAsync(manager);
        await MarkDocumentAsync(manager, null, null);

        // A 10 mm gold cube is priced above the automatic approval limit: it waits for the manager.
        var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(10), "gold", "cube.stl");
        var row = manager.Locator($"tr[data-order='{orderId}']");
        await Expect(row).ToHaveCountAsync(1);
        var shownAt = await NowInPageAsync(manager);
        var pricedAt = ChangedAt(await _shop.GetOrderAsync(orderId), "PRICE_CALCULATED");
        output.WriteLine($"Approvals: the row appeared within {shownAt - pricedAt.ToUnixTimeMilliseconds()} ms of PRICE_CALCULATED being written");

        // Approved by the manager elsewhere (Crm.Api directly): the row goes.
        using (var approve = await fixture.Manager.PostAsync($"/api/orders/{orderId}/approve", null))
        {
            Assert.True(approve.IsSuccessStatusCode, $"{(int)approve.StatusCode} {await approve.Content.ReadAsStringAsync()}");
        }

        await Expect(row).ToHaveCountAsync(0);
        var goneAt = await NowInPageAsync(manager);
        var approvedAt = ChangedAt(await _shop.GetOrderAsync(orderId), "MANUFACTURING_APPROVED");
        output.WriteLine($"Approvals: the row went within {goneAt - approvedAt.ToUnixTimeMilliseconds()} ms of MANUFACTURING_APPROVED being written");
        Assert.True(await IsSameDocumentAsync(manager), "The approvals page was reloaded or navigated away.");
    }

    [Fact]
    public async Task The_operator_queue_gains_an_approved_order_and_follows_its_steps_without_a_reload()
    {
        SetDefaultExpectTimeout((float)ChangeTimeout.TotalMilliseconds);
        await using var session = await BrowserSession.LaunchAsync();
        var @operator = await SignInAsync(session, Roles.Operator);

        // The queue is oldest first, a page at a time: a new order lands on its last page.
        await @operator.GotoAsync("/backoffice/operator");
        while (await @operator.GetByTestId("queue-next-page").CountAsync() > 0)
        {
            await @operator.GetByTestId("queue-next-page").ClickAsync();
            await @operator.WaitForLoadStateAsync();
        }

        await WaitUntilFollowingAsync(@operator);
        await MarkDocumentAsync(@operator, null, null);

        // A 5 mm silver cube is approved automatically; MES queues it a moment later, by message.
        var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
        var row = @operator.Locator($"tr[data-order='{orderId}']");
        await Expect(row.Locator("button[data-step='start']")).ToHaveCountAsync(1);
        var shownAt = await NowInPageAsync(@operator);
        var approvedAt = ChangedAt(await _shop.GetOrderAsync(orderId), "MANUFACTURING_APPROVED");
        output.WriteLine($"Operator queue: the row appeared within {shownAt - approvedAt.ToUnixTimeMilliseconds()} ms of MANUFACTURING_APPROVED being written");

        // Another operator (the API directly) starts it: this page's button moves on to the next step.
        using (var start = await _shop.OperatorStepAsync(orderId, "start"))
        {
            Assert.True(start.IsSuccessStatusCode, $"{(int)start.StatusCode} {await start.Content.ReadAsStringAsync()}");
        }

        await Expect(row.Locator("button[data-step='complete']")).ToHaveCountAsync(1);
        Assert.True(await IsSameDocumentAsync(@operator), "The operator queue was reloaded or navigated away.");
    }

    [Fact]
    public async Task Idle_open_pages_produce_no_spans()
    {
        var orderId = await _shop.CreateOrderAsync();
        await using var session = await BrowserSession.LaunchAsync();
        var customer = await SignInAsync(session, Roles.Customer);
        await customer.GotoAsync($"/orders/{orderId}");
        var manager = await SignInAsync(session, Roles.Manager);
        await manager.GotoAsync("/backoffice/approvals");
        var @operator = await SignInAsync(session, Roles.Operator);
        await @operator.GotoAsync("/backoffice/operator");
        foreach (var page in new[] { customer, manager, @operator })
        {
            await WaitUntilFollowingAsync(page);
        }

        var idleFrom = DateTimeOffset.UtcNow;
        await Task.Delay(Idle);
        foreach (var page in new[] { customer, manager, @operator })
        {
            // Closed, so a stream's server span, had it one, would end and be exported now.
            await page.Context.CloseAsync();
        }

        var idleTo = DateTimeOffset.UtcNow;

        var spans = await SpansUntilNowAsync();

        // Shop.Web does nothing of its own: any span of it in the window is the pages'. Shop.Api's outbox relay has its
        // own database spans, so there it is requests (server spans) that count: nothing reaches Shop.Api untraced by
        // Shop.Web, which has no span in the window.
        var fromPages = spans
            .Where(span => span.StartTime >= idleFrom && span.StartTime <= idleTo)
            .Where(span => span.ServiceName == ResourceNames.ShopWeb || (span.ServiceName == ResourceNames.ShopApi && span.Kind == ReceivedSpanKind.Server))
            .Select(Describe)
            .ToList();
        Assert.True(fromPages.Count == 0, $"Idle pages produced spans between {idleFrom:O} and {idleTo:O}:\n" + string.Join('\n', fromPages));

        // Nor did subscribing, at any time: the streams are untraced from the browser to Shop.Api.
        var streams = spans.Where(span => span.GetString("url.path") is { } path && path.EndsWith("/changes", StringComparison.Ordinal)).Select(Describe).ToList();
        Assert.True(streams.Count == 0, "The event streams were traced:\n" + string.Join('\n', streams));
        output.WriteLine($"No span from the pages in {(idleTo - idleFrom).TotalSeconds:F1} s with three pages open");
    }

    /// <summary>
    /// Every span received once those of everything before now are: a request to each service the pages use, whose
    /// spans arrive after anything that ended before it (each service exports its spans in the order they end).
    /// </summary>
    private async Task<IReadOnlyList<ReceivedSpan>> SpansUntilNowAsync()
    {
        var after = DateTimeOffset.UtcNow;
        using (var marker = await fixture.ShopWeb.GetAsync("/orders"))
        {
            marker.EnsureSuccessStatusCode();
        }

        return await fixture.Telemetry.WaitForSpansAsync(
            all => all.Any(span => span.ServiceName == ResourceNames.ShopWeb && span.Kind == ReceivedSpanKind.Server && span.StartTime >= after)
                && all.Any(span => span.ServiceName == ResourceNames.ShopApi && span.Kind == ReceivedSpanKind.Server && span.StartTime >= after),
            TraceAssertions.TelemetryTimeout);
    }

    private async Task<IPage> SignInAsync(BrowserSession session, string role) =>
        await session.SignInAsync(fixture.ServiceUri(ResourceNames.ShopWeb), fixture.User(role));

    /// <summary>The page's script says when its stream is open (html[data-live=connected]): changes from then on reach it.</summary>
    private static async Task WaitUntilFollowingAsync(IPage page) =>
        await Expect(page.Locator("html[data-live=connected]")).ToHaveCountAsync(1, new() { Timeout = 60_000 });

    /// <summary>
    /// Marks the document (a property a reload or navigation would lose) and, given a selector, records in the page
    /// when that element's text first differs from <paramref name="text"/>.
    /// </summary>
    private static async Task MarkDocumentAsync(IPage page, string? selector, string? text) =>
        await page.EvaluateAsync(
            """
            ([selector, text]) => {
                window.liveStatusTestMarker = "same document";
                if (!selector) return;
                new MutationObserver((_, observer) => {
                    const element = document.querySelector(selector);
                    if (element && element.textContent.trim() !== text) {
                        window.liveStatusChangedAt = Date.now();
                        observer.disconnect();
                    }
                }).observe(document.body.parentNode, { childList: true, subtree: true, characterData: true });
            }
            """,
            new[] { selector, text });

    private static async Task<bool> IsSameDocumentAsync(IPage page) =>
        await page.EvaluateAsync<string?>("() => window.liveStatusTestMarker ?? null") == "same document";

    private static async Task<long> ChangeLatencyAsync(IPage page, DateTimeOffset changedAt) =>
        await page.EvaluateAsync<long>("() => window.liveStatusChangedAt") - changedAt.ToUnixTimeMilliseconds();

    private static async Task<long> NowInPageAsync(IPage page) => await page.EvaluateAsync<long>("() => Date.now()");

    /// <summary>The URLs of every request the page sends from now on.</summary>
    private static List<string> CountRequests(IPage page)
    {
        var requests = new List<string>();
        page.Request += (_, request) =>
        {
            lock (requests)
            {
                requests.Add(request.Url);
            }
        };
        return requests;
    }

    private static DateTimeOffset ChangedAt(JsonElement order, string status) =>
        order.GetProperty("history").EnumerateArray()
            .Where(change => change.GetProperty("to").GetString() == status)
            .Select(change => change.GetProperty("at").GetDateTimeOffset())
            .First();

    private static string Describe(ReceivedSpan span) =>
        $"{span.StartTime.ToString("O", CultureInfo.InvariantCulture)} {span.ServiceName} {span.Kind} {span.Name} {span.GetString("url.path")}";
}
