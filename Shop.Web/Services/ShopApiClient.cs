using System.Net;
using System.Net.Http.Headers;

namespace Alexandrite.Shop.Web.Services;

/// <summary>Shop.Api as the web front end sees it, called with the signed-in customer's access token.</summary>
internal sealed class ShopApiClient(HttpClient http)
{
    /// <summary>
    /// Creates the order under <paramref name="orderId"/>, which the caller chose; null on success (or when an order
    /// with that id exists already: the form was posted twice), else the API's field errors.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string[]>?> CreateOrderAsync(Guid orderId, NewOrder order, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/orders", new
        {
            id = orderId,
            customer = new { name = order.Name, email = order.Email, phone = order.Phone, address = order.Address },
            material = order.Material,
        }, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            // The same form posted twice: the order exists under the id the form was given.
            return null;
        }

        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>(cancellationToken);
            return problem?.Errors ?? new Dictionary<string, string[]> { [""] = ["The order was refused."] };
        }

        response.EnsureSuccessStatusCode();
        return null;
    }

    /// <summary>The signed-in customer's latest orders, newest first.</summary>
    public async Task<IReadOnlyList<OrderSummaryView>> ListOrdersAsync(CancellationToken cancellationToken) =>
        (await http.GetFromJsonAsync<OrderListView>("/api/orders?limit=50", cancellationToken))?.Orders ?? [];

    /// <summary>The order, or null when there is none with this id or it is someone else's (Shop.Api answers 404 to both).</summary>
    public Task<OrderView?> GetOrderAsync(Guid id, CancellationToken cancellationToken) =>
        http.GetOrNullAsync<OrderView>($"/api/orders/{id}", cancellationToken);

    /// <summary>
    /// Shop.Api's answer for the order's model file, once its headers have arrived: the caller streams the body on
    /// and disposes the response. 404 when the order is not the customer's or has no model.
    /// </summary>
    public Task<HttpResponseMessage> OpenModelAsync(Guid id, CancellationToken cancellationToken) =>
        http.GetAsync($"/api/orders/{id}/model", HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>Passes the customer's file on as it arrives (multipart field "file"), without holding it in memory.</summary>
    public Task<ApiOutcome> UploadModelAsync(Guid id, Stream file, string fileName, CancellationToken cancellationToken)
    {
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { content, "file", fileName } };
        return http.CommandAsync(HttpMethod.Put, $"/api/orders/{id}/model", form, cancellationToken);
    }

    public Task<ApiOutcome> SubmitAsync(Guid id, CancellationToken cancellationToken) =>
        http.CommandAsync(HttpMethod.Post, $"/api/orders/{id}/submit", null, cancellationToken);

    public Task<ApiOutcome> CancelAsync(Guid id, CancellationToken cancellationToken) =>
        http.CommandAsync(HttpMethod.Post, $"/api/orders/{id}/cancel", JsonContent.Create(new { reason = "Cancelled by the customer in the shop" }), cancellationToken);
}

internal sealed record OrderView(
    Guid Id, string Status, string? StatusReason, string Material, ModelView? Model, PriceView? Price,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<StatusChangeView> History);

internal sealed record OrderListView(IReadOnlyList<OrderSummaryView> Orders, Guid? Next);

internal sealed record OrderSummaryView(Guid Id, string Status, string Material, string? ModelFileName, PriceView? Price, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal sealed record ModelView(string FileId, string FileName, string Format, long Bytes, long Polygons);

internal sealed record PriceView(decimal Amount, string Currency);

internal sealed record StatusChangeView(string? From, string To, DateTimeOffset At, string? Reason);

internal sealed record ValidationProblem(Dictionary<string, string[]>? Errors);
