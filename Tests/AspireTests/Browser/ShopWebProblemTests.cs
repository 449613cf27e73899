using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;

namespace Alexandrite.AspireTests.Browser;

/// <summary>
/// What the customer is told when a button cannot do its work: in plain words, on the order's page, and the
/// order stays as it was.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class ShopWebProblemTests(AspireFixture fixture)
{
    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task A_service_that_is_down_is_said_in_plain_words_and_the_order_is_unchanged()
    {
        var orderId = await _shop.CreateOrderAsync();
        var browser = await fixture.SignedInBrowserAsync(Roles.Customer, followRedirects: false);
        var page = $"/orders/{orderId}";
        var before = await _shop.GetOrderAsync(orderId);

        await fixture.App.StopResourceAsync(ResourceNames.CrmApi);
        HttpResponseMessage response;
        try
        {
            response = await ShopWebForms.PressAsync(browser, page, $"/orders/{orderId}/confirm-receipt");
        }
        finally
        {
            await fixture.App.StartResourceAsync(ResourceNames.CrmApi);
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{page}?problem=unavailable", response.Headers.Location!.OriginalString);
        var shown = await browser.GetStringAsync(response.Headers.Location.OriginalString);
        Assert.Contains("We cannot reach that part of the shop right now. Nothing was lost", shown, StringComparison.Ordinal);
        var after = await _shop.GetOrderAsync(orderId);
        Assert.Equal(before.GetProperty("updatedAt").GetDateTimeOffset(), after.GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_step_the_order_is_past_is_refused_in_plain_words()
    {
        var orderId = await _shop.CreateOrderAsync();
        var browser = await fixture.SignedInBrowserAsync(Roles.Customer, followRedirects: false);

        using var response = await ShopWebForms.PressAsync(browser, $"/orders/{orderId}", $"/orders/{orderId}/confirm-receipt");

        Assert.Equal($"/orders/{orderId}?problem=changed", response.Headers.Location!.OriginalString);
        Assert.Contains("The order has moved on since this page was shown", await browser.GetStringAsync(response.Headers.Location.OriginalString), StringComparison.Ordinal);
        Assert.Equal("INITIATED", (await _shop.GetOrderAsync(orderId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_model_over_the_upload_limit_is_refused_in_plain_words_and_nothing_is_stored()
    {
        var orderId = await _shop.CreateOrderAsync();
        var browser = await fixture.SignedInBrowserAsync(Roles.Customer, followRedirects: false);
        var token = await ShopWebForms.AntiforgeryTokenAsync(browser, $"/orders/{orderId}");

        // As the page's script sends it: multipart, the token in a header, JSON asked for.
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[TestSettings.UploadLimitBytes + 1]), "file", "huge.stl" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/orders/{orderId}/model") { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("too-large", problem.GetProperty("problem").GetString());
        Assert.StartsWith("The file is too large.", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        var order = await _shop.GetOrderAsync(orderId);
        Assert.Equal("INITIATED", order.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("model").ValueKind);
    }

    [Fact]
    public async Task A_button_press_without_the_page_s_antiforgery_token_is_refused()
    {
        var orderId = await _shop.CreateOrderAsync();
        var browser = await fixture.SignedInBrowserAsync(Roles.Customer, followRedirects: false);

        using var response = await browser.PostAsync($"/orders/{orderId}/cancel", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INITIATED", (await _shop.GetOrderAsync(orderId)).GetProperty("status").GetString());
    }
}
