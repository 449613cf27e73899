using Microsoft.Playwright;

namespace Alexandrite.AspireTests.Browser;

/// <summary>
/// The README's pictures of the main pages (docs/screenshots), taken by the browser tests as they pass, so they
/// show the pages as they are. The window only (not the whole page), to keep the files small.
/// </summary>
internal static class Screenshots
{
    public static string Folder { get; } = Path.Combine(RepositoryFiles.Root, "docs", "screenshots");

    /// <summary>Writes the window of <paramref name="page"/> to docs/screenshots/<paramref name="name"/>.png.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = false, Animations = ScreenshotAnimations.Disabled });
    }
}
