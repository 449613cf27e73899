using System.Globalization;
using Microsoft.Playwright;

namespace Alexandrite.AspireTests.Browser;

/// <summary>
/// What a canvas shows, read from a screenshot of it (what the user sees, whatever the WebGL context's settings):
/// the share of its pixels that differ from the preview's background, and their mean colour.
/// </summary>
internal sealed record CanvasPixels(double ModelShare, double Red, double Green, double Blue)
{
    /// <summary>The preview's background (Client/model-preview.js), #2a2235.</summary>
    private static readonly int[] Background = [0x2a, 0x22, 0x35];

    /// <summary>Screenshots tried when the canvas is replaced while one is taken.</summary>
    private const int Attempts = 3;

    /// <summary>The screenshot is decoded by the page itself (an image from a data: address, drawn on a 2D canvas).</summary>
    public static async Task<CanvasPixels> ReadAsync(IPage page, ILocator canvas)
    {
        byte[] png;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                png = await canvas.ScreenshotAsync(new LocatorScreenshotOptions { Type = ScreenshotType.Png, Animations = ScreenshotAnimations.Disabled });
                break;
            }
            catch (PlaywrightException exception) when (attempt < Attempts && exception.Message.Contains("not attached to the DOM", StringComparison.Ordinal))
            {
                // The page put a new canvas in its place while the screenshot was taken (the order's live refresh renders
                // the preview again after an upload): the locator finds the new one once it is drawn and shown.
                await Assertions.Expect(canvas).ToBeVisibleAsync();
            }
        }

        var stats = await page.EvaluateAsync<double[]>(
            """
            async ([png, background]) => {
                const image = new Image();
                image.src = "data:image/png;base64," + png;
                await image.decode();
                const canvas = document.createElement("canvas");
                canvas.width = image.naturalWidth;
                canvas.height = image.naturalHeight;
                const context = canvas.getContext("2d");
                context.drawImage(image, 0, 0);
                const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
                let model = 0, red = 0, green = 0, blue = 0;
                for (let i = 0; i < data.length; i += 4) {
                    const distance = Math.abs(data[i] - background[0]) + Math.abs(data[i + 1] - background[1]) + Math.abs(data[i + 2] - background[2]);
                    if (distance > 24) {
                        model++;
                        red += data[i];
                        green += data[i + 1];
                        blue += data[i + 2];
                    }
                }
                const pixels = data.length / 4;
                return model === 0 ? [0, 0, 0, 0] : [model / pixels, red / model, green / model, blue / model];
            }
            """,
            new object[] { Convert.ToBase64String(png), Background });
        return new CanvasPixels(stats[0], stats[1], stats[2], stats[3]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{ModelShare:P1} of the pixels differ from the background, mean colour rgb({Red:F0}, {Green:F0}, {Blue:F0})");
}
