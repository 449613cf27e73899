extern alias CrmApi;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Security;
using Alexandrite.UnitTests.ServiceDefaults;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Alexandrite.UnitTests.Services;

/// <summary>
/// Crm.Api's alert inbox lets in Alertmanager alone, with the shared secret (HTTP Basic), and refuses a notification it
/// cannot record with a validation problem before it touches the database (which, here, nothing answers for: a
/// request that got that far would fail with 503 instead).
/// </summary>
[Collection(ServiceDefaultsHostCollection.Name)]
public sealed class AlertInboxWebhookTests(RunningServices services) : IClassFixture<RunningServices>
{
    private static readonly string ValidNotification = """
        {"version":"4","status":"firing","receiver":"support-webhook","groupKey":"{}:{alertname=\"OrdersStuck\"}","alerts":[
          {"status":"firing","labels":{"alertname":"OrdersStuck","order_stage_name":"SUBMITTED","order_stage_owner":"mes-api","severity":"warning"},
           "annotations":{"summary":"1 orders are stuck in SUBMITTED, waiting on mes-api"},
           "startsAt":"2026-12-01T10:00:00.123456789Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus/graph","fingerprint":"1f2e3d4c5b6a7980"}]}
        """;

    private IServiceUnderTest Crm => services.Named(ServiceFactory.CrmApiName);

    public static TheoryData<string, string?> WrongCredentials => new()
    {
        { "none", null },
        { "the wrong secret", Basic(AlertInboxContract.UserName, "not-the-secret-" + new string('x', 30)) },
        { "the wrong user name", Basic("prometheus", ServiceFactory.AlertInboxSecret) },
        { "not base64", "Basic !!!" },
        { "no colon", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ServiceFactory.AlertInboxSecret)) },
    };

    [Theory]
    [MemberData(nameof(WrongCredentials))]
    public async Task A_notification_without_Alertmanager_s_credentials_is_refused_with_401(string credentials, string? authorization)
    {
        using var response = await PostAsync(ValidNotification, authorization);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"With {credentials}: {(int)response.StatusCode}");
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(Roles.Support)]
    [InlineData(Roles.Manager)]
    public async Task A_signed_in_user_s_access_token_does_not_post_alerts(string role)
    {
        var tokens = new AccessTokens(Options.Create(new AccessTokenOptions { SigningKey = ServiceFactory.SigningKey }), TimeProvider.System);
        var token = tokens.Create(role, role, ResourceNames.CrmApi);

        using var response = await PostAsync(ValidNotification, "Bearer " + token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Alertmanager_s_credentials_do_not_read_the_inbox()
    {
        using var client = Crm.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, AlertInboxContract.Path);
        request.Headers.TryAddWithoutValidation("Authorization", Basic(AlertInboxContract.UserName, ServiceFactory.AlertInboxSecret));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string, string> UnusableNotifications => new()
    {
        { "another format version", ValidNotification.Replace("\"version\":\"4\"", "\"version\":\"3\"", StringComparison.Ordinal), "version" },
        { "no alerts", """{"version":"4","status":"firing","alerts":[]}""", "alerts" },
        { "a null alert", """{"version":"4","status":"firing","alerts":[null]}""", "alerts[0]" },
        { "resolved before it started", ValidNotification.Replace("{\"status\":\"firing\",\"labels\"", "{\"status\":\"resolved\",\"labels\"", StringComparison.Ordinal), "alerts[0]" },
        { "an unknown status", ValidNotification.Replace("{\"status\":\"firing\",\"labels\"", "{\"status\":\"pending\",\"labels\"", StringComparison.Ordinal), "alerts[0]" },
        { "no alertname", ValidNotification.Replace("\"alertname\":\"OrdersStuck\",", "", StringComparison.Ordinal), "alerts[0]" },
        { "no fingerprint", ValidNotification.Replace("\"fingerprint\":\"1f2e3d4c5b6a7980\"", "\"fingerprint\":\"\"", StringComparison.Ordinal), "alerts[0]" },
        { "a NUL in a label", ValidNotification.Replace("\"severity\":\"warning\"", "\"severity\":\"warn\\u0000ing\"", StringComparison.Ordinal), "alerts[0]" },
        { "a label too long", ValidNotification.Replace("\"severity\":\"warning\"", $"\"severity\":\"{new string('w', 5000)}\"", StringComparison.Ordinal), "alerts[0]" },
    };

    [Theory]
    [MemberData(nameof(UnusableNotifications))]
    public async Task A_notification_the_inbox_cannot_record_is_a_validation_problem(string what, string body, string field)
    {
        using var response = await PostAsync(body, Basic(AlertInboxContract.UserName, ServiceFactory.AlertInboxSecret));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"With {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"With {what}: {problem}");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    public async Task A_body_that_is_not_a_notification_is_a_400_problem(string body)
    {
        using var response = await PostAsync(body, Basic(AlertInboxContract.UserName, ServiceFactory.AlertInboxSecret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Past authentication and validation, the inbox goes to its table: here, nothing listens for the database.</summary>
    [Fact]
    public async Task Alertmanager_s_valid_notification_gets_through_to_the_inbox_s_storage()
    {
        using var response = await PostAsync(ValidNotification, Basic(AlertInboxContract.UserName, ServiceFactory.AlertInboxSecret));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? authorization)
    {
        using var client = Crm.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, AlertInboxContract.Path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request);
    }

    private static string Basic(string user, string password) =>
        new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))).ToString();
}
