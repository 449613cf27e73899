using Alexandrite.Contracts;
using Alexandrite.Shop.Web.Services;

namespace Alexandrite.Shop.Web.Extensions;

internal static class Extensions
{
    /// <summary>Everything Shop.Web needs beyond the service defaults.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();

        // HttpClient traces every call natively and propagates traceparent, so the API's spans join the page's trace.
        var shopApi = builder.Configuration.GetServiceUri(ResourceNames.ShopApi);
        builder.Services.AddHttpClient<ShopApiClient>(client => client.BaseAddress = shopApi);
        var crmApi = builder.Configuration.GetServiceUri(ResourceNames.CrmApi);
        builder.Services.AddHttpClient<CrmApiClient>(client => client.BaseAddress = crmApi);
    }
}
