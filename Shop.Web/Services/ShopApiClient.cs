using System.Net;

namespace Alexandrite.Shop.Web.Services;

/// <summary>Shop.Api as the web front end sees it.</summary>
internal sealed class ShopApiClient(HttpClient http)
{
    public async Task<OrderView?> GetOrderAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/orders/{id}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<OrderView>(cancellationToken);
    }
}

internal sealed record OrderView(Guid Id, string Status, string Material, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
