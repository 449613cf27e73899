using Alexandrite.AspireTests.Reliability;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Alexandrite.AspireTests.Browser;

/// <summary>
/// Support's journey as a picture, in a real browser: with MES away, an order stays in SUBMITTED past its limit; support
/// finds it on the support page, opens its journey and sees the stuck stage highlighted with its owner, its age
/// against the limit and the cause, every step linked to its own trace in the Aspire dashboard and in Jaeger, and
/// the stages still ahead. The pages pass axe, and their screenshots go to the README.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class StuckJourneyBrowserTests(AspireFixture fixture)
{
    private static readonly string[] StagesAhead =
        ["PRICE_CALCULATED", "MANUFACTURING_APPROVED", "MANUFACTURING_STARTED", "MANUFACTURING_COMPLETED", "PACKAGING", "SHIPPED", "CLOSED"];

    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task The_journey_highlights_a_stuck_order()
    {
        SetDefaultExpectTimeout(60_000);
        var shopWeb = fixture.ServiceUri(ResourceNames.ShopWeb);
        var support = fixture.User(Roles.Support);
        Guid orderId;
        await fixture.App.StopResourceAsync(ResourceNames.MesApi);
        try
        {
            orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
            var journey = await Diagnosis.WaitForStuckJourneyAsync(fixture, orderId, "SUBMITTED");
            var traceIds = journey.GetProperty("steps").EnumerateArray()
                .ToDictionary(step => step.GetProperty("status").GetString()!, step => step.GetProperty("traceId").GetString()!);

            await using var session = await BrowserSession.LaunchAsync();
            var page = await session.SignInAsync(shopWeb, support);
            await Axe.InjectAsync(page);

            // The support page lists it (a page at a time, longest waiting first), linked to its journey.
            await page.GotoAsync("/support");
            var listed = page.GetByTestId("stuck-orders").Locator($"tr[data-order='{orderId}']");
            while (await listed.CountAsync() == 0 && await page.GetByTestId("stuck-next-page").CountAsync() > 0)
            {
                await page.GotoAsync((await page.GetByTestId("stuck-next-page").GetAttributeAsync("href"))!);
            }

            await Expect(listed).ToContainTextAsync("SUBMITTED");
            await Expect(listed).ToContainTextAsync(ResourceNames.MesApi);
            await Axe.AssertNoSeriousViolationsAsync(page, "support with a stuck order");
            await Screenshots.SaveAsync(page, "support");

            await listed.GetByRole(AriaRole.Link, new() { Name = orderId.ToString() }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Uri(shopWeb, $"/orders/{orderId}/journey").ToString());

            // The stuck stage: named in the summary with its owner and cause, and highlighted in the timeline.
            await Expect(page.GetByTestId("stuck-stage")).ToHaveTextAsync("SUBMITTED");
            await Expect(page.GetByTestId("stuck-owner")).ToHaveTextAsync(ResourceNames.MesApi);
            await Expect(page.GetByTestId("journey-cause")).ToContainTextAsync(ResourceNames.MesApi);
            var highlighted = page.Locator("[data-testid='journey-step'].stuck");
            await Expect(highlighted).ToHaveCountAsync(1);
            await Expect(highlighted).ToHaveAttributeAsync("data-status", "SUBMITTED");
            await Expect(highlighted).ToHaveAttributeAsync("aria-current", "step");
            await Expect(highlighted.GetByTestId("stuck-mark")).ToBeVisibleAsync();
            await Expect(highlighted.GetByTestId("step-owner")).ToHaveTextAsync(ResourceNames.MesApi);
            await Expect(highlighted.GetByTestId("stuck-age")).ToContainTextAsync("limit");
            await Expect(highlighted.GetByTestId("stuck-cause")).ToContainTextAsync(ResourceNames.MesApi);

            // Every step so far, in order, each linked to its own trace in the dashboard and in Jaeger.
            var steps = page.GetByTestId("journey-step");
            Assert.Equal(["INITIATED", "FILE_UPLOADED", "SUBMITTED"], await AttributesAsync(steps, "data-status"));
            for (var i = 0; i < await steps.CountAsync(); i++)
            {
                var step = steps.Nth(i);
                var traceId = traceIds[(await step.GetAttributeAsync("data-status"))!];
                Assert.Equal(
                    new Uri(fixture.DashboardUri, $"traces/detail/{traceId}"),
                    new Uri((await step.GetByTestId("step-dashboard-link").GetAttributeAsync("href"))!));
                Assert.Equal($"{TestSettings.JaegerUrl}/trace/{traceId}", await step.GetByTestId("step-jaeger-link").GetAttributeAsync("href"));
            }

            // What is left: the rest of the lifecycle, dimmed, with no trace yet.
            var ahead = page.GetByTestId("journey-ahead");
            Assert.Equal(StagesAhead, await AttributesAsync(ahead, "data-status"));
            await Expect(ahead.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);

            await Axe.AssertNoSeriousViolationsAsync(page, "the journey of a stuck order");
            await Screenshots.SaveAsync(page, "journey-stuck");

            // At a phone's width the same page stays readable: the stuck stage is on screen without scrolling sideways.
            var phone = await session.SignInAsync(shopWeb, support, BrowserSession.PhoneViewport);
            await Axe.InjectAsync(phone);
            await phone.GotoAsync($"/orders/{orderId}/journey");
            await Expect(phone.GetByTestId("stuck-stage")).ToHaveTextAsync("SUBMITTED");
            Assert.True(
                await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                "The journey scrolls sideways at a phone's width.");
            await Axe.AssertNoSeriousViolationsAsync(phone, "the journey of a stuck order");
            await phone.Locator("[data-testid='journey-step'].stuck").ScrollIntoViewIfNeededAsync();
            await Screenshots.SaveAsync(phone, "journey-stuck-phone");
        }
        finally
        {
            await fixture.App.StartResourceAsync(ResourceNames.MesApi);
        }

        // MES back: the order moves on, as StuckOrderTests checks in detail; the next test finds the system whole.
        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
    }

    private static async Task<string[]> AttributesAsync(ILocator items, string name)
    {
        var values = new List<string>();
        for (var i = 0; i < await items.CountAsync(); i++)
        {
            values.Add((await items.Nth(i).GetAttributeAsync(name))!);
        }

        return [.. values];
    }
}
