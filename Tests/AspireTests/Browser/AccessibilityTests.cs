using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Alexandrite.AspireTests.Browser;

/// <summary>
/// Every page of Shop.Web, opened as the role that uses it, passes axe-core's automated check with no serious or
/// critical violation, on a desktop window and at a phone's width. On the way, the main pages' screenshots are
/// written for the README (docs/screenshots), so they show the pages as they are.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class AccessibilityTests(AspireFixture fixture)
{
    private readonly ShopClient _shop = new(fixture);

    public static TheoryData<string> Widths => ["desktop", "phone"];

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task Every_page_passes_axe_with_no_serious_violation(string width)
    {
        SetDefaultExpectTimeout(60_000);
        var viewport = width == "phone" ? BrowserSession.PhoneViewport : BrowserSession.DesktopViewport;
        var desktop = width == "desktop";
        var shopWeb = fixture.ServiceUri(ResourceNames.ShopWeb);

        // Orders in the states whose pages differ: waiting for a model, ready to submit, priced and waiting for the
        // manager (a gold 10 mm cube is above the automatic approval limit), in the workshop.
        var initiated = await _shop.CreateOrderAsync();
        var uploaded = await _shop.CreateOrderAsync("platinum");
        using (var upload = await _shop.UploadAsync(uploaded, SampleModels.BinaryStlCube(8), "pendant.stl"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, upload.StatusCode);
        }

        var priced = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(10), "gold", "ring.stl");
        var inWorkshop = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver", "earring.stl");
        await _shop.WaitForStatusAsync(priced, "PRICE_CALCULATED");
        await _shop.WaitForStatusAsync(inWorkshop, "MANUFACTURING_APPROVED");
        await _shop.WaitInOperatorQueueAsync(inWorkshop);
        using (var start = await _shop.OperatorStepAsync(inWorkshop, "start"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, start.StatusCode);
        }

        await using var session = await BrowserSession.LaunchAsync();

        // Nobody signed in: the start page and the sign-in form.
        var anonymous = await session.OpenAsync(shopWeb, viewport);
        await Axe.InjectAsync(anonymous);
        await CheckAsync(anonymous, "/", "the start page, signed out");
        await CheckAsync(anonymous, "/signin", "the sign-in form");
        await anonymous.GotoAsync("/signin?failed=true");
        await Expect(anonymous.GetByTestId("signin-failed")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(anonymous, "the sign-in form after a failure");

        // The customer's pages.
        var customer = await SignInAsync(session, shopWeb, Roles.Customer, viewport);
        await CheckAsync(customer, "/", "the customer's start page");
        await CheckAsync(customer, "/order/new", "the new order form", desktop ? "new-order" : null);
        await CheckAsync(customer, "/orders", "my orders", desktop ? "my-orders" : null);
        await CheckAsync(customer, $"/orders/{initiated}", "an order waiting for its model");
        await CheckAsync(customer, $"/orders/{uploaded}", "an order ready to submit");
        await Expect(customer.GetByTestId("submit-order")).ToBeVisibleAsync();
        await CheckAsync(customer, $"/orders/{priced}", "a priced order", desktop ? "order" : null);
        await Expect(customer.GetByTestId("order-status")).ToHaveTextAsync("PRICE_CALCULATED");
        await CheckAsync(customer, $"/orders/{inWorkshop}", "an order in the workshop");
        await CheckAsync(customer, "/forbidden", "the page a role may not open");

        // The back office: the operator's queue, the manager's approvals, support's pages.
        var @operator = await SignInAsync(session, shopWeb, Roles.Operator, viewport);
        await CheckAsync(@operator, "/backoffice/operator", "the operator queue", desktop ? "operator-queue" : null);
        await Expect(@operator.GetByTestId("operator-queue")).ToBeVisibleAsync();

        var manager = await SignInAsync(session, shopWeb, Roles.Manager, viewport);
        await CheckAsync(manager, "/backoffice/approvals", "the approvals", desktop ? "approvals" : null);
        await Expect(manager.Locator($"tr[data-order='{priced}']")).ToBeVisibleAsync();

        var support = await SignInAsync(session, shopWeb, Roles.Support, viewport);
        await CheckAsync(support, "/support", "support");
        await CheckAsync(support, $"/orders/{inWorkshop}/journey", "the journey of an order in the workshop");
        await CheckAsync(support, "/support?order=not-an-id", "support with a bad order id");
    }

    private async Task<IPage> SignInAsync(BrowserSession session, Uri shopWeb, string role, ViewportSize viewport)
    {
        var user = fixture.User(role);
        var page = await session.SignInAsync(shopWeb, user, viewport);
        await Axe.InjectAsync(page);
        return page;
    }

    /// <summary>Opens <paramref name="path"/>, runs axe on it and, when named, saves its screenshot for the README.</summary>
    private static async Task CheckAsync(IPage page, string path, string what, string? screenshot = null)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");

        // The order page's 3D preview is drawn by script after the page loads: checked and pictured once it is.
        if (await page.Locator("[data-model-preview]").CountAsync() > 0)
        {
            await Assertions.Expect(page.Locator("[data-model-preview][data-preview-state]")).ToHaveCountAsync(1);
        }

        await Axe.AssertNoSeriousViolationsAsync(page, what);
        if (screenshot is not null)
        {
            await Screenshots.SaveAsync(page, screenshot);
        }
    }
}
