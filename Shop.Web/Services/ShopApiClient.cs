using System.Net;

namespace Alexandrite.Shop.Web.Services;

/// <summary>Shop.Api as the web front end sees it.</summary>
internal sealed class ShopApiClient(HttpClient http)
{
    /// <summary>Creates the order under <paramref name="orderId"/>, which the caller chose; null on success, else the API's field errors.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>?> CreateOrderAsync(Guid orderId, NewOrder order, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/orders", new
        {
            id = orderId,
            customer = new { name = order.Name, email = order.Email, phone = order.Phone, address = order.Address },
            material = order.Material,
        }, cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>(cancellationToken);
            return problem?.Errors ?? new Dictionary<string, string[]> { [""] = ["The order was refused."] };
        }

        response.EnsureSuccessStatusCode();
        return null;
    }

    public Task<OrderView?> GetOrderAsync(Guid id, CancellationToken cancellationToken) =>
        http.GetOrNullAsync<OrderView>($"/api/orders/{id}", cancellationToken);
}

internal sealed record OrderView(Guid Id, string Status, string Material, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal sealed record ValidationProblem(Dictionary<string, string[]>? Errors);
