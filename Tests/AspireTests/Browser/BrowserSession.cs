using Microsoft.Playwright;

namespace Alexandrite.AspireTests.Browser;

/// <summary>
/// A real, headless Chromium driven by Playwright: Debian's /usr/bin/chromium (ALEXANDRITE_CHROMIUM overrides),
/// because Playwright's own browser download is not available everywhere this runs.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("ALEXANDRITE_CHROMIUM") ?? "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<BrowserSession> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Timeout = 60_000,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return new BrowserSession(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh browser profile (own cookies) signed in to Shop.Web as <paramref name="name"/>.</summary>
    public async Task<IPage> SignInAsync(Uri shopWeb, string name, string password)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shopWeb.ToString() });
        // Generous: on two cores the browser shares the machine with two whole systems (the test collections run in parallel).
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(name);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
