using System.Text.RegularExpressions;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Alexandrite.Testing.Otlp;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Alexandrite.AspireTests.Browser;

/// <summary>
/// The whole lifecycle driven from a real browser, as in a demo: the customer orders, uploads a real STL and
/// submits; the manager approves in the back office; the operator works through the queue; the customer
/// confirms receipt and sees CLOSED. Then the order's trace is read back: it starts at the customer's click in the browser.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed partial class ShopWebBrowserTests(AspireFixture fixture)
{
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_customer_manager_and_operator_drive_an_order_to_CLOSED_in_the_browser()
    {
        SetDefaultExpectTimeout((float)StatusTimeout.TotalMilliseconds);
        var shopWeb = fixture.ServiceUri(ResourceNames.ShopWeb);
        await using var session = await BrowserSession.LaunchAsync();

        // The customer places an order: the form, then the order's own page.
        var customer = await session.SignInAsync(shopWeb, fixture.User(Roles.Customer));
        await customer.GotoAsync("/order/new");
        await customer.GetByLabel("Name", new() { Exact = true }).FillAsync("Ada Lovelace");
        await customer.GetByLabel("E-mail").FillAsync("ada@example.com");
        await customer.GetByLabel("Phone").FillAsync("+44 20 7946 0000");
        await customer.GetByLabel("Address").FillAsync("12 St James's Square, London");
        await customer.GetByLabel("Material").SelectOptionAsync("gold");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await WaitForOrderPageAsync(customer);
        var orderId = Guid.Parse(OrderPage().Match(customer.Url).Groups["id"].Value);
        await Expect(customer.GetByTestId("order-status")).ToHaveTextAsync("INITIATED");

        // A file that is not a 3D model is refused in plain words, and the order is untouched.
        await customer.GetByTestId("model-file").SetInputFilesAsync(new FilePayload { Name = "notes.stl", MimeType = "application/octet-stream", Buffer = "not a model, just words"u8.ToArray() });
        await customer.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(customer.GetByTestId("upload-problem")).ToContainTextAsync("not a 3D model we can read");
        await Expect(customer.GetByTestId("order-status")).ToHaveTextAsync("INITIATED");

        // A real STL: a 10 mm gold cube (12 triangles), priced above the automatic approval limit.
        await customer.GetByTestId("model-file").SetInputFilesAsync(new FilePayload { Name = "cube.stl", MimeType = "application/octet-stream", Buffer = SampleModels.BinaryStlCube(10) });
        await customer.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(customer.GetByTestId("polygons")).ToHaveTextAsync("12");
        await Expect(customer.GetByTestId("order-status")).ToHaveTextAsync("FILE_UPLOADED");

        // Submitted; the price arrives while the customer watches (the page follows the order by itself).
        await customer.GetByTestId("submit-order").ClickAsync();
        await Expect(customer.GetByTestId("order-status")).ToHaveTextAsync("PRICE_CALCULATED");
        await Expect(customer.GetByTestId("price")).ToHaveTextAsync(new Regex(@"^\s*[\d,]+\.\d{2} EUR\s*$"));

        // The manager approves it in the back office.
        var manager = await session.SignInAsync(shopWeb, fixture.User(Roles.Manager));
        await manager.GotoAsync("/backoffice/approvals");
        await manager.Locator($"tr[data-order='{orderId}']").GetByTestId("approve").ClickAsync();
        await Expect(manager.Locator($"tr[data-order='{orderId}']")).ToHaveCountAsync(0);

        // The operator works through the queue: each click is the next step for that order.
        var @operator = await session.SignInAsync(shopWeb, fixture.User(Roles.Operator));
        await WaitForRowAsync(@operator, "/backoffice/operator", orderId);
        foreach (var step in new[] { "start", "complete", "package", "ship" })
        {
            await @operator.Locator($"tr[data-order='{orderId}'] button[data-step='{step}']").ClickAsync();
            await Expect(@operator.GetByTestId("problem")).ToHaveCountAsync(0);
        }

        // The customer's page shows SHIPPED; the customer confirms receipt and the order is CLOSED.
        await Expect(customer.GetByTestId("order-status")).ToHaveTextAsync("SHIPPED");
        await customer.GetByTestId("confirm-receipt").ClickAsync();
        await Expect(customer.GetByTestId("order-status")).ToHaveTextAsync("CLOSED");
        var timeline = await customer.GetByTestId("timeline").Locator("li strong").AllInnerTextsAsync();
        Assert.Equal(
            ["INITIATED", "FILE_UPLOADED", "SUBMITTED", "PRICE_CALCULATED", "MANUFACTURING_APPROVED", "MANUFACTURING_STARTED", "MANUFACTURING_COMPLETED", "PACKAGING", "SHIPPED", "CLOSED"],
            timeline);

        // Who did what is recorded from the signed-in users, not from anything the browser could claim.
        var order = await new ShopClient(fixture).GetOrderAsync(orderId);
        var actors = order.GetProperty("history").EnumerateArray().ToDictionary(change => change.GetProperty("to").GetString()!, change => change.GetProperty("actor").GetString());
        Assert.Equal(fixture.User(Roles.Manager).Name, actors["MANUFACTURING_APPROVED"]);
        Assert.Equal(fixture.User(Roles.Operator).Name, actors["SHIPPED"]);
        Assert.Equal("customer", actors["CLOSED"]);

        // The order's trace starts at the customer's click: the browser's own spans (OpenTelemetry JS, relayed by
        // Shop.Web), the submission, then the form post it made, then Shop.Web's spans under that.
        var traceId = order.GetProperty("history")[0].GetProperty("traceId").GetString()!;
        IReadOnlyList<ReceivedSpan> trace = [];
        await fixture.Telemetry.WaitForSpansAsync(
            all => (trace = all.InTrace(traceId)).Any(span => span.Name == "CloseOrder") && trace.IsComplete(),
            TraceAssertions.TelemetryTimeout);
        var click = Assert.Single(trace, span => span.IsRoot);
        Assert.Equal((ResourceNames.ShopWeb, "Alexandrite.Browser", "submit /order/new", ReceivedSpanKind.Internal), (click.ServiceName, click.ScopeName, click.Name, click.Kind));
        var post = Assert.Single(trace, span => span.ParentSpanId == click.SpanId);
        Assert.Equal(("Alexandrite.Browser", "POST /order/new", ReceivedSpanKind.Client), (post.ScopeName, post.Name, post.Kind));
        Assert.Equal(200, Convert.ToInt32(post.Attributes["http.response.status_code"], System.Globalization.CultureInfo.InvariantCulture));
        // Under the browser's request: the form post, and the order page it redirected to (fetch sends the traceparent again).
        Assert.Equal(
            ["GET /orders/{Id:guid}", "POST /order/new"],
            trace.Where(span => span.ParentSpanId == post.SpanId).Select(span => span.Name).Order(StringComparer.Ordinal));
        Assert.All(trace.Where(span => span.ParentSpanId == post.SpanId), span => Assert.Equal(("Microsoft.AspNetCore", ReceivedSpanKind.Server), (span.ScopeName, span.Kind)));
        Assert.Contains(trace, span => span.ServiceName == ResourceNames.ShopWeb && span.Name == "PlaceOrder");
        Assert.Contains(trace, span => span.ServiceName == ResourceNames.ShopWeb && span.Kind == ReceivedSpanKind.Client && span.ScopeName == "System.Net.Http");
        Assert.All(trace, span => Assert.Equal(orderId.ToString(), span.GetString("order.id")));

        // Every later click has its browser spans too (the submission, the request it made, the upload's XMLHttpRequest
        // included), parents of Shop.Web's server span, with the order's id.
        foreach (var (action, route) in new[]
        {
            ($"/orders/{orderId}/model", "/orders/{id:guid}/model"),
            ($"/orders/{orderId}/submit", "/orders/{id:guid}/submit"),
            ($"/backoffice/approvals/{orderId}/approve", "/backoffice/approvals/{id:guid}/approve"),
            ($"/orders/{orderId}/confirm-receipt", "/orders/{id:guid}/confirm-receipt"),
        })
        {
            var spans = await fixture.Telemetry.WaitForSpansAsync(
                all => all.Any(span => span.IsServerSpanFor(ResourceNames.ShopWeb, route) && span.GetString("url.path") == action && span.ParentSpanId is { } parent
                    && all.Any(request => request.SpanId == parent && request.ParentSpanId is { } grandparent && all.Any(submission => submission.SpanId == grandparent))),
                TraceAssertions.TelemetryTimeout);
            var server = spans.Last(span => span.IsServerSpanFor(ResourceNames.ShopWeb, route) && span.GetString("url.path") == action && span.ParentSpanId is not null
                && spans.Any(request => request.SpanId == span.ParentSpanId));
            var request = Assert.Single(spans, span => span.SpanId == server.ParentSpanId);
            var submission = Assert.Single(spans, span => span.SpanId == request.ParentSpanId);
            Assert.Equal(("Alexandrite.Browser", "POST " + route, ReceivedSpanKind.Client, orderId.ToString()), (request.ScopeName, request.Name, request.Kind, request.GetString("order.id")));
            Assert.Equal(("Alexandrite.Browser", "submit " + route, orderId.ToString(), true), (submission.ScopeName, submission.Name, submission.GetString("order.id"), submission.IsRoot));
        }
    }

    /// <summary>The order form's answer is the new order's page (the page's script follows the redirect and shows it).</summary>
    private async Task WaitForOrderPageAsync(IPage page)
    {
        try
        {
            // Polls the page's address: the script changes it with history.pushState, a same-document navigation
            // that WaitForURLAsync can miss when it happens as the wait begins.
            await Expect(page).ToHaveURLAsync(OrderPage());
            await Expect(page.GetByTestId("order-status")).ToBeVisibleAsync();
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
        {
            throw new Xunit.Sdk.XunitException(
                $"The order form did not lead to the order's page; the browser is at {page.Url} showing:\n{await page.InnerTextAsync("body")}\n{fixture.DescribeForFailure()}",
                exception);
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> until the order has a row there (MES learns of the approval by message), following
    /// the "Next page" links of the operator's paged queue.
    /// </summary>
    private static async Task WaitForRowAsync(IPage page, string path, Guid orderId)
    {
        var deadline = DateTime.UtcNow + StatusTimeout;
        await page.GotoAsync(path);
        while (await page.Locator($"tr[data-order='{orderId}']").CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Order {orderId} never appeared on {path}.");
            if (await page.GetByTestId("queue-next-page").CountAsync() > 0)
            {
                await page.GetByTestId("queue-next-page").ClickAsync();
                continue;
            }

            await Task.Delay(250);
            await page.GotoAsync(path);
        }
    }

    [GeneratedRegex(@"/orders/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex OrderPage();
}
