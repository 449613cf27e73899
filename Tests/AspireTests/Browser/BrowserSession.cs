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

    /// <summary>A phone's screen (an iPhone 12 to 15's CSS pixels), for the pages' narrow layout.</summary>
    public static ViewportSize PhoneViewport => new() { Width = 390, Height = 844 };

    /// <summary>A desktop window, the default.</summary>
    public static ViewportSize DesktopViewport => new() { Width = 1280, Height = 800 };

    /// <summary>A fresh browser profile (own cookies) on Shop.Web, not signed in, with a window of <paramref name="viewport"/> (desktop by default).</summary>
    public async Task<IPage> OpenAsync(Uri shopWeb, ViewportSize? viewport = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shopWeb.ToString(), ViewportSize = viewport ?? DesktopViewport });
        // Generous: on two cores the browser shares the machine with two whole systems (the test collections run in parallel).
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh browser profile (own cookies) signed in to Shop.Web as <paramref name="user"/>.</summary>
    public async Task<IPage> SignInAsync(Uri shopWeb, TestUser user, ViewportSize? viewport = null)
    {
        var page = await OpenAsync(shopWeb, viewport);
        await page.GotoAsync("/signin");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(user.Name);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(user.Name);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
