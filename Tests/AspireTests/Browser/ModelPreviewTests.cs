using System.Diagnostics;
using System.Text.RegularExpressions;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alexandrite.AspireTests.Browser;

/// <summary>
/// The customer sees their model on the order page (issue 19): a 3D preview drawn with three.js in headless
/// Chromium (WebGL on SwiftShader), non-blank and in the order's metal, beside its size, polygon count and material;
/// drawn again when a new model replaces it; and three.js is downloaded by the order page only.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class ModelPreviewTests(AspireFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task An_uploaded_STL_is_drawn_in_gold_with_its_size_and_polygons_and_a_replacing_OBJ_is_drawn_in_its_place()
    {
        SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        var orderId = await _shop.CreateOrderAsync("gold");
        await using var session = await BrowserSession.LaunchAsync();
        var page = await SignInAsync(session);

        // three.js is not downloaded by a page without a preview.
        var chunks = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/dist/chunks/", StringComparison.Ordinal))
            {
                chunks.Add(request.Url);
            }
        };
        await page.GotoAsync($"/orders/{orderId}");
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("INITIATED");
        await Expect(page.GetByTestId("model-preview")).ToHaveCountAsync(0);
        Assert.Empty(chunks);

        // A 10 mm cube as binary STL: drawn, in gold, and measured.
        var shown = Stopwatch.StartNew();
        await UploadAsync(page, new FilePayload { Name = "cube.stl", MimeType = "application/octet-stream", Buffer = SampleModels.BinaryStlCube(10) });
        var canvas = await WaitForPreviewAsync(page, "cube.stl");
        output.WriteLine($"STL: uploaded and drawn in {shown.ElapsedMilliseconds} ms");
        Assert.NotEmpty(chunks);
        await Expect(page.GetByTestId("polygons")).ToHaveTextAsync("12");
        await Expect(page.GetByTestId("model-size")).ToHaveTextAsync("10 × 10 × 10 mm");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("gold");
        await Expect(canvas).ToHaveAttributeAsync("aria-label", new Regex(@"^3D preview of cube\.stl in gold: 10 × 10 × 10 mm, 12 polygons\."));
        var gold = await CanvasPixels.ReadAsync(page, canvas);
        output.WriteLine($"STL canvas: {gold}");
        Assert.True(gold.ModelShare > 0.03, $"The canvas is blank or nearly so: {gold}");
        Assert.True(gold.Red - gold.Blue > 25, $"A gold piece should be drawn warm (red well above blue): {gold}");

        // The keyboard turns the piece: what is drawn changes.
        await canvas.FocusAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("ArrowUp");
        var turned = await CanvasPixels.ReadAsync(page, canvas);
        output.WriteLine($"STL canvas after turning: {turned}");
        Assert.NotEqual(gold.ModelShare, turned.ModelShare);

        // A replacement as OBJ (8 mm, quadrilateral faces): the preview is drawn again from the new file.
        shown.Restart();
        await UploadAsync(page, new FilePayload { Name = "cube.obj", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes(SampleModels.ObjCube(8)) });
        canvas = await WaitForPreviewAsync(page, "cube.obj");
        output.WriteLine($"OBJ: uploaded and drawn in {shown.ElapsedMilliseconds} ms");
        await Expect(page.GetByTestId("model-size")).ToHaveTextAsync("8 × 8 × 8 mm");
        await Expect(page.GetByTestId("polygons")).ToHaveTextAsync("12");
        var obj = await CanvasPixels.ReadAsync(page, canvas);
        output.WriteLine($"OBJ canvas: {obj}");
        Assert.True(obj.ModelShare > 0.03, $"The canvas is blank or nearly so: {obj}");
        await Expect(page.Locator("canvas")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_silver_order_s_model_is_drawn_in_a_neutral_colour_and_survives_the_live_refresh()
    {
        SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        var orderId = await _shop.CreateOrderAsync("silver");
        var ball = SampleModels.BinaryStlSphere(48, 6);
        (await _shop.UploadAsync(orderId, ball, "ball.stl")).EnsureSuccessStatusCode();
        await using var session = await BrowserSession.LaunchAsync();
        var page = await SignInAsync(session);

        var shown = Stopwatch.StartNew();
        await page.GotoAsync($"/orders/{orderId}");
        var canvas = await WaitForPreviewAsync(page, "ball.stl");
        // The browser measures the file as Shop.Api's analyzer does.
        var size = (await ModelAnalyzer.AnalyzeAsync(new MemoryStream(ball), "ball.stl", ModelLimits.Default)).Bounds.Size;
        await Expect(page.GetByTestId("model-size")).ToHaveTextAsync($"{Millimetres(size.X)} × {Millimetres(size.Y)} × {Millimetres(size.Z)} mm");
        output.WriteLine($"Silver drawn after {shown.ElapsedMilliseconds} ms ({await DrawnAtAsync(page):F0} ms after the page's navigation began, by the page's clock)");
        var silver = await CanvasPixels.ReadAsync(page, canvas);
        output.WriteLine($"Silver canvas: {silver}");
        Assert.True(silver.ModelShare > 0.03, $"The canvas is blank or nearly so: {silver}");
        Assert.True(Math.Abs(silver.Red - silver.Blue) < 25, $"A silver piece should be drawn without a tint: {silver}");

        // The order changes (submitted): the live section is swapped in and the preview is drawn again there.
        shown.Restart();
        (await fixture.ShopApi.PostAsync($"/api/orders/{orderId}/submit", null)).EnsureSuccessStatusCode();
        await Expect(page.GetByTestId("order-status")).Not.ToHaveTextAsync("FILE_UPLOADED");
        output.WriteLine($"Status changed on the page after {shown.ElapsedMilliseconds} ms");

        // The order goes on by itself (priced, approved), each change another swap: the canvas is read once the
        // order rests in MANUFACTURING_APPROVED (it waits for an operator there), or a swap could take it mid-read.
        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("MANUFACTURING_APPROVED");
        canvas = await WaitForPreviewAsync(page, "ball.stl");
        output.WriteLine($"Drawn again after {shown.ElapsedMilliseconds} ms");
        Assert.True((await CanvasPixels.ReadAsync(page, canvas)).ModelShare > 0.03, "The preview is blank after the live refresh.");
        await Expect(page.Locator("canvas")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Without_WebGL_the_page_says_so_in_words_and_still_shows_the_size()
    {
        SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        var orderId = await _shop.CreateOrderAsync("platinum");
        (await _shop.UploadAsync(orderId, SampleModels.BinaryStlCube(6), "cube.stl")).EnsureSuccessStatusCode();
        await using var session = await BrowserSession.LaunchAsync();
        var page = await SignInAsync(session);

        // A browser with WebGL turned off: no canvas can give a WebGL context.
        await page.AddInitScriptAsync(
            """
            const getContext = HTMLCanvasElement.prototype.getContext;
            HTMLCanvasElement.prototype.getContext = function (type, ...options) {
                return /webgl/i.test(type) ? null : getContext.call(this, type, ...options);
            };
            """);
        await page.GotoAsync($"/orders/{orderId}");

        await Expect(page.Locator("figure[data-preview-state='no-webgl']")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("model-preview-status")).ToContainTextAsync("Your browser cannot show 3D models here");
        await Expect(page.GetByTestId("model-preview-status")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("model-size")).ToHaveTextAsync("6 × 6 × 6 mm");
        await Expect(page.Locator("canvas")).ToHaveCountAsync(0);
    }

    /// <summary>When the page drew its last preview, in milliseconds from the start of its navigation (a performance mark).</summary>
    private static async Task<double> DrawnAtAsync(IPage page) =>
        await page.EvaluateAsync<double>("() => performance.getEntriesByName('model-preview-drawn').at(-1)?.startTime ?? -1");

    private static string Millimetres(double value) => value.ToString("#,##0.#", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IPage> SignInAsync(BrowserSession session) =>
        await session.SignInAsync(fixture.ServiceUri(ResourceNames.ShopWeb), fixture.User(Roles.Customer));

    private static async Task UploadAsync(IPage page, FilePayload file)
    {
        await page.GetByTestId("model-file").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
    }

    /// <summary>The preview's canvas once it shows <paramref name="fileName"/>; fails with what the preview says instead.</summary>
    private static async Task<ILocator> WaitForPreviewAsync(IPage page, string fileName)
    {
        var canvas = page.Locator($"figure[data-model-name='{fileName}'][data-preview-state='shown'] canvas[role='img']");
        try
        {
            await Expect(canvas).ToBeVisibleAsync();
        }
        catch (PlaywrightException exception)
        {
            var said = await page.GetByTestId("model-preview-status").AllInnerTextsAsync();
            throw new Xunit.Sdk.XunitException($"The preview of {fileName} was not drawn; it says: {string.Join(" | ", said)}", exception);
        }

        return canvas;
    }
}
