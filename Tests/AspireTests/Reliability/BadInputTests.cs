using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.AspireTests.Reliability;

/// <summary>
/// Bad input on every API: each answer is a 4xx RFC 9457 problem a person can read (never a 5xx, never an empty
/// body), and nothing changes. The cases include those that once gave a 500 or an empty answer: NUL characters in
/// text, multipart bodies cut short or framed with another boundary, unknown orders, methods and routes.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class BadInputTests(AspireFixture fixture)
{
    private const string Nul = "\u0000";
    private readonly ShopClient _shop = new(fixture);

    public static TheoryData<string> CreateOrderCases => ["nul-in-name", "nul-in-address", "name-too-long", "email-too-long", "malformed-json", "not-json", "empty-body"];

    [Theory]
    [MemberData(nameof(CreateOrderCases))]
    public async Task A_bad_new_order_is_a_4xx_problem_and_no_order_exists(string what)
    {
        var id = Guid.CreateVersion7();
        using var response = await fixture.ShopApi.PostAsync("/api/orders", BadOrder(what, id));

        await AssertProblemAsync(response, what, what switch
        {
            "not-json" => HttpStatusCode.UnsupportedMediaType,
            _ => HttpStatusCode.BadRequest,
        });
        using var lookup = await fixture.ShopApi.GetAsync($"/api/orders/{id}");
        await AssertProblemAsync(lookup, $"{what}: the order", HttpStatusCode.NotFound);
    }

    private static HttpContent BadOrder(string what, Guid id)
    {
        var customer = new Dictionary<string, string>
        {
            ["name"] = "Ada Lovelace", ["email"] = "ada@example.com", ["phone"] = "+44 20 7946 0000", ["address"] = "12 St James's Square",
        };
        switch (what)
        {
            case "nul-in-name": customer["name"] = "Ada" + Nul + "Lovelace"; break;
            case "nul-in-address": customer["address"] = Nul; break;
            case "name-too-long": customer["name"] = new string('a', TextInput.NameMaxLength + 1); break;
            case "email-too-long": customer["email"] = new string('a', TextInput.EmailMaxLength) + "@example.com"; break;
            case "malformed-json": return new StringContent("{\"customer\": {\"name\": ", Encoding.UTF8, "application/json");
            case "not-json": return new StringContent("name=Ada", Encoding.UTF8, "text/plain");
            case "empty-body": return new StringContent("", Encoding.UTF8, "application/json");
        }

        return JsonContent.Create(new { id, customer, material = "gold" });
    }

    public static TheoryData<string> UploadCases => ["no-closing-boundary", "other-boundary", "two-files", "not-multipart"];

    [Theory]
    [MemberData(nameof(UploadCases))]
    public async Task A_bad_multipart_upload_is_a_4xx_problem_and_the_order_keeps_no_model(string what)
    {
        var orderId = await _shop.CreateOrderAsync();

        using var response = await fixture.ShopApi.PutAsync($"/api/orders/{orderId}/model", BadUpload(what));

        await AssertProblemAsync(response, what, what == "not-multipart" ? HttpStatusCode.UnsupportedMediaType : HttpStatusCode.BadRequest);
        var order = await _shop.GetOrderAsync(orderId);
        Assert.Equal("INITIATED", order.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("model").ValueKind);
    }

    private static HttpContent BadUpload(string what)
    {
        var model = SampleModels.BinaryStlCube(5);
        if (what == "two-files")
        {
            return new MultipartFormDataContent { { new ByteArrayContent(model), "file", "a.stl" }, { new ByteArrayContent(model), "file", "b.stl" } };
        }

        if (what == "not-multipart")
        {
            return new ByteArrayContent(model) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } };
        }

        // Written by hand: HttpClient's own multipart content is always well formed.
        var body = new StringBuilder()
            .Append("--real\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ring.stl\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .Append("solid ring\r\n");
        if (what == "other-boundary")
        {
            body.Append("--real--\r\n");
        }

        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body.ToString()));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={(what == "other-boundary" ? "declared" : "real")}");
        return content;
    }

    [Fact]
    public async Task A_file_name_with_a_path_is_kept_as_its_last_segment()
    {
        var orderId = await _shop.CreateOrderAsync();

        using var response = await _shop.UploadAsync(orderId, SampleModels.BinaryStlCube(5), "..\\..\\win.ini.stl");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("win.ini.stl", (await _shop.GetOrderAsync(orderId)).GetProperty("model").GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task A_cancel_or_reject_reason_with_a_NUL_is_a_4xx_problem_and_the_order_is_unchanged()
    {
        var orderId = await _shop.CreateOrderAsync();

        using var cancel = await fixture.ShopApi.PostAsJsonAsync($"/api/orders/{orderId}/cancel", new { reason = "changed" + Nul });
        using var reject = await fixture.Manager.PostAsJsonAsync($"/api/orders/{orderId}/reject", new { reason = "too" + Nul + "dear" });
        using var longReject = await fixture.Manager.PostAsJsonAsync($"/api/orders/{orderId}/reject", new { reason = new string('x', TextInput.ReasonMaxLength + 1) });

        await AssertProblemAsync(cancel, "cancel", HttpStatusCode.BadRequest);
        await AssertProblemAsync(reject, "reject", HttpStatusCode.BadRequest);
        await AssertProblemAsync(longReject, "long reject", HttpStatusCode.BadRequest);
        Assert.Equal(["INITIATED"], ShopClient.HistoryStatuses(await _shop.GetOrderAsync(orderId)));
    }

    public static TheoryData<string, string, string, HttpStatusCode> NotThereCases => new()
    {
        { ResourceNames.ShopApi, "GET", "/api/orders/{unknown}", HttpStatusCode.NotFound },
        { ResourceNames.ShopApi, "POST", "/api/orders/{unknown}/submit", HttpStatusCode.NotFound },
        { ResourceNames.ShopApi, "DELETE", "/api/orders/{unknown}", HttpStatusCode.MethodNotAllowed },
        { ResourceNames.ShopApi, "GET", "/api/no-such-thing", HttpStatusCode.NotFound },
        { ResourceNames.MesApi, "DELETE", "/api/operator/queue", HttpStatusCode.MethodNotAllowed },
        { ResourceNames.MesApi, "POST", "/api/operator/orders/{unknown}/polish", HttpStatusCode.NotFound },
        { ResourceNames.MesApi, "GET", "/api/no-such-thing", HttpStatusCode.NotFound },
        { ResourceNames.CrmApi, "GET", "/api/orders/{unknown}/journey", HttpStatusCode.NotFound },
        { ResourceNames.CrmApi, "PUT", "/api/orders/{unknown}/approve", HttpStatusCode.MethodNotAllowed },
        { ResourceNames.CrmApi, "GET", "/api/no-such-thing", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(NotThereCases))]
    public async Task An_unknown_order_route_or_method_is_a_problem_not_an_empty_answer(string service, string method, string path, HttpStatusCode expected)
    {
        var client = service switch
        {
            ResourceNames.MesApi => fixture.Operator,
            ResourceNames.CrmApi => fixture.Manager,
            _ => fixture.ShopApi,
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal));

        using var response = await client.SendAsync(request);

        await AssertProblemAsync(response, $"{method} {path} on {service}", expected);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string what, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{what}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: not a problem ({response.Content.Headers.ContentType}): {body}");
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()), $"{what}: a problem without a title");
    }
}
