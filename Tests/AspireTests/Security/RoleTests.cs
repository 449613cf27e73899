using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Alexandrite.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace Alexandrite.AspireTests.Security;

/// <summary>
/// Every API endpoint but /health and /alive refuses callers without the role: 401 without a valid access token,
/// 403 with the wrong role; both as problem details, and nothing changes. The same holds for the Development-only
/// /diagnostics endpoints of every service, Shop.Web's included: staff only.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class RoleTests(AspireFixture system)
{
    public static TheoryData<string, string, string> ProtectedEndpoints => new()
    {
        { ResourceNames.ShopApi, "POST", "/api/orders" },
        { ResourceNames.ShopApi, "GET", "/api/orders" },
        { ResourceNames.ShopApi, "GET", "/api/orders/{id}" },
        { ResourceNames.ShopApi, "PUT", "/api/orders/{id}/model" },
        { ResourceNames.ShopApi, "GET", "/api/orders/{id}/model" },
        { ResourceNames.ShopApi, "POST", "/api/orders/{id}/submit" },
        { ResourceNames.ShopApi, "POST", "/api/orders/{id}/cancel" },
        { ResourceNames.ShopApi, "POST", "/diagnostics/demo-order" },
        { ResourceNames.ShopApi, "GET", "/diagnostics/failure" },
        { ResourceNames.MesApi, "POST", "/diagnostics/consumer/pause" },
        { ResourceNames.MesApi, "POST", "/diagnostics/consumer/resume" },
        { ResourceNames.CrmApi, "GET", "/diagnostics/failure" },
        { ResourceNames.ShopWeb, "GET", "/diagnostics/failure" },
        { ResourceNames.CrmApi, "GET", "/api/dead-letters" },
        { ResourceNames.CrmApi, "POST", "/api/dead-letters/redrive" },
        { ResourceNames.CrmApi, "POST", "/api/dead-letters/{id}/redrive" },
        { ResourceNames.MesApi, "GET", "/api/operator/queue" },
        { ResourceNames.MesApi, "POST", "/api/operator/orders/{id}/start" },
        { ResourceNames.MesApi, "POST", "/api/operator/orders/{id}/ship" },
        { ResourceNames.CrmApi, "GET", "/api/approvals/pending" },
        { ResourceNames.CrmApi, "POST", "/api/orders/{id}/approve" },
        { ResourceNames.CrmApi, "POST", "/api/orders/{id}/reject" },
        { ResourceNames.CrmApi, "POST", "/api/orders/{id}/confirm-receipt" },
        { ResourceNames.CrmApi, "GET", "/api/orders/stuck" },
        { ResourceNames.CrmApi, "GET", "/api/orders/{id}/journey" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Without_an_access_token_a_protected_endpoint_answers_401_with_a_challenge(string service, string method, string path)
    {
        var anonymous = system.ClientFor(service);
        using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData(ResourceNames.MesApi, Roles.Customer, "POST", "/api/operator/orders/{id}/start")]
    [InlineData(ResourceNames.MesApi, Roles.Manager, "POST", "/api/operator/orders/{id}/start")]
    [InlineData(ResourceNames.MesApi, Roles.Customer, "GET", "/api/operator/queue")]
    [InlineData(ResourceNames.CrmApi, Roles.Operator, "POST", "/api/orders/{id}/approve")]
    [InlineData(ResourceNames.CrmApi, Roles.Customer, "POST", "/api/orders/{id}/approve")]
    [InlineData(ResourceNames.CrmApi, Roles.Customer, "GET", "/api/approvals/pending")]
    [InlineData(ResourceNames.CrmApi, Roles.Manager, "POST", "/api/orders/{id}/confirm-receipt")]
    [InlineData(ResourceNames.CrmApi, Roles.Customer, "GET", "/api/orders/stuck")]
    [InlineData(ResourceNames.CrmApi, Roles.Customer, "GET", "/api/orders/{id}/journey")]
    [InlineData(ResourceNames.CrmApi, Roles.Support, "POST", "/api/orders/{id}/approve")]
    [InlineData(ResourceNames.CrmApi, Roles.Support, "POST", "/api/orders/{id}/reject")]
    [InlineData(ResourceNames.CrmApi, Roles.Support, "POST", "/api/orders/{id}/confirm-receipt")]
    [InlineData(ResourceNames.MesApi, Roles.Support, "POST", "/api/operator/orders/{id}/start")]
    [InlineData(ResourceNames.MesApi, Roles.Support, "GET", "/api/operator/queue")]
    [InlineData(ResourceNames.ShopApi, Roles.Operator, "POST", "/api/orders")]
    [InlineData(ResourceNames.ShopApi, Roles.Support, "GET", "/api/orders")]
    [InlineData(ResourceNames.ShopApi, Roles.Support, "POST", "/api/orders/{id}/submit")]
    [InlineData(ResourceNames.ShopApi, Roles.Manager, "POST", "/api/orders/{id}/cancel")]
    [InlineData(ResourceNames.ShopApi, Roles.Support, "GET", "/api/orders/{id}/model")]
    [InlineData(ResourceNames.ShopApi, Roles.Customer, "POST", "/diagnostics/demo-order")]
    [InlineData(ResourceNames.MesApi, Roles.Customer, "POST", "/diagnostics/consumer/pause")]
    [InlineData(ResourceNames.ShopWeb, Roles.Customer, "GET", "/diagnostics/failure")]
    [InlineData(ResourceNames.CrmApi, Roles.Manager, "GET", "/api/dead-letters")]
    [InlineData(ResourceNames.CrmApi, Roles.Operator, "POST", "/api/dead-letters/redrive")]
    [InlineData(ResourceNames.CrmApi, Roles.Customer, "POST", "/api/dead-letters/{id}/redrive")]
    public async Task With_the_wrong_role_a_protected_endpoint_answers_403(string service, string role, string method, string path)
    {
        var client = system.SignedInClientFor(service, "someone", role);
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_refused_step_changes_nothing()
    {
        var shop = new ShopClient(system);
        // A 10 mm gold cube is above the automatic approval limit: it waits for the manager.
        var orderId = await shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(10), material: "gold");
        var priced = await shop.WaitForStatusAsync(orderId, "PRICE_CALCULATED");

        var customer = system.SignedInClientFor(ResourceNames.CrmApi, system.User(Roles.Customer).Name, Roles.Customer);
        using var refused = await customer.PostAsync($"/api/orders/{orderId}/approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var after = await shop.GetOrderAsync(orderId);
        Assert.Equal("PRICE_CALCULATED", after.GetProperty("status").GetString());
        Assert.Equal(priced.GetProperty("updatedAt").GetDateTimeOffset(), after.GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_token_signed_with_another_key_expired_or_made_for_another_API_is_refused_like_no_token()
    {
        var otherKey = new AccessTokens(Options.Create(new AccessTokenOptions { SigningKey = new string('x', 64) }), TimeProvider.System);
        var expired = new AccessTokens(
            Options.Create(new AccessTokenOptions { SigningKey = system.SigningKey, Lifetime = TimeSpan.FromSeconds(1) }),
            new ShiftedTime(TimeSpan.FromMinutes(-10)));

        // A token made for CRM is not one for MES either (each token names the one API it is for).
        var forCrm = system.Tokens.Create("operator", Roles.Operator, ResourceNames.CrmApi);
        foreach (var token in new[]
        {
            otherKey.Create("operator", Roles.Operator, ResourceNames.MesApi), expired.Create("operator", Roles.Operator, ResourceNames.MesApi), forCrm, "not-a-jwt",
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/operator/queue");
            request.Headers.Authorization = new("Bearer", token);
            using var response = await system.MesApi.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Theory]
    [InlineData(Roles.Customer, "/backoffice/operator")]
    [InlineData(Roles.Customer, "/backoffice/approvals")]
    [InlineData(Roles.Operator, "/backoffice/approvals")]
    [InlineData(Roles.Manager, "/backoffice/operator")]
    [InlineData(Roles.Operator, "/order/new")]
    [InlineData(Roles.Support, "/order/new")]
    [InlineData(Roles.Support, "/orders")]
    [InlineData(Roles.Support, "/backoffice/approvals")]
    [InlineData(Roles.Support, "/backoffice/operator")]
    [InlineData(Roles.Customer, "/support")]
    [InlineData(Roles.Customer, "/orders/0198f2a4-0000-7000-8000-000000000001/journey")]
    public async Task Shop_Web_sends_a_signed_in_user_without_the_role_to_the_not_allowed_page(string role, string page)
    {
        var browser = await system.SignedInBrowserAsync(role, followRedirects: false);
        using var response = await browser.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/forbidden", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/order/new")]
    [InlineData("/backoffice/operator")]
    [InlineData("/backoffice/approvals")]
    [InlineData("/orders")]
    [InlineData("/support")]
    public async Task Shop_Web_sends_an_anonymous_visitor_to_sign_in_and_back(string page)
    {
        var anonymous = system.AnonymousBrowser(followRedirects: false);
        using var response = await anonymous.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(page), response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_does_not_sign_in()
    {
        var browser = system.AnonymousBrowser(followRedirects: false);
        var user = system.User(Roles.Manager);

        await Assert.ThrowsAsync<Xunit.Sdk.ContainsException>(() => ShopWebForms.SignInAsync(browser, user with { Password = "wrong" }));
        using var response = await browser.GetAsync("/backoffice/approvals");
        Assert.Equal("/signin", response.Headers.Location!.AbsolutePath);
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
