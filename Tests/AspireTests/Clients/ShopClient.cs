using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Alexandrite.AspireTests.Clients;

/// <summary>Drives orders through the public HTTP APIs, as the web UI and the back office do.</summary>
public sealed class ShopClient(AlexandriteSystem system)
{
    public static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(60);

    public async Task<Guid> CreateOrderAsync(string material = "gold")
    {
        using var response = await system.ShopApi.PostAsJsonAsync("/api/orders", OrderRequests.Valid(material));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<HttpResponseMessage> UploadAsync(Guid orderId, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);

        // Expect: 100-continue lets Shop.Api refuse an oversized upload (413) before the body is sent
        // (https://www.rfc-editor.org/rfc/rfc9110#name-expect), instead of cutting the connection mid-body.
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/orders/{orderId}/model") { Content = form };
        request.Headers.ExpectContinue = true;
        return await system.ShopApi.SendAsync(request);
    }

    /// <summary>Creates an order, uploads <paramref name="model"/> and submits it.</summary>
    public async Task<Guid> SubmitNewOrderAsync(byte[] model, string material = "gold", string fileName = "ring.stl")
    {
        var orderId = await CreateOrderAsync(material);
        using (var upload = await UploadAsync(orderId, model, fileName))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }

        using var submit = await system.ShopApi.PostAsync($"/api/orders/{orderId}/submit", null);
        Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        return orderId;
    }

    /// <summary>The order as support sees it: its history names the service, the actor and the trace of each step.</summary>
    public async Task<JsonElement> GetOrderAsync(Guid orderId) =>
        await system.ShopApiForSupport.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}");

    /// <summary>Polls the order until it has <paramref name="status"/>; fails with the order as it is when it never does.</summary>
    public async Task<JsonElement> WaitForStatusAsync(Guid orderId, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? StatusTimeout);
        var order = await GetOrderAsync(orderId);
        while (order.GetProperty("status").GetString() != status)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Order {orderId} did not reach {status}; it is {order}\n{system.DescribeForFailure()}");
            }

            await Task.Delay(100);
            order = await GetOrderAsync(orderId);
        }

        return order;
    }

    public async Task<HttpResponseMessage> OperatorStepAsync(Guid orderId, string step) =>
        await system.Operator.PostAsync($"/api/operator/orders/{orderId}/{step}", null);

    /// <summary>Waits until MES has the approved order in the operator's queue.</summary>
    public async Task WaitInOperatorQueueAsync(Guid orderId)
    {
        var deadline = DateTime.UtcNow + StatusTimeout;
        while (!(await OperatorQueueAsync()).Any(job => job.GetProperty("orderId").GetGuid() == orderId))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Order {orderId} never reached the operator's queue.\n{system.DescribeForFailure()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The whole operator queue, page after page (GET /api/operator/queue, limit and after), oldest first.</summary>
    public Task<IReadOnlyList<JsonElement>> OperatorQueueAsync(int limit = 200) =>
        EveryPageAsync(system.Operator, $"/api/operator/queue?limit={limit}", "jobs");

    /// <summary>
    /// Support's whole stuck list, page after page (Crm.Api's GET /api/orders/stuck, limit and after), longest waiting
    /// first; of one stage when <paramref name="stage"/> names it.
    /// </summary>
    public Task<IReadOnlyList<JsonElement>> StuckOrdersAsync(string? stage = null, int limit = 200) =>
        EveryPageAsync(system.Support, $"/api/orders/stuck?limit={limit}{(stage is null ? "" : "&stage=" + stage)}", "orders");

    /// <summary>The items of a keyset-paged list (<paramref name="items"/>, and "next" to pass as "after"), from the first page to the last.</summary>
    private static async Task<IReadOnlyList<JsonElement>> EveryPageAsync(HttpClient client, string path, string items)
    {
        var all = new List<JsonElement>();
        for (string? after = null; ;)
        {
            var page = await client.GetFromJsonAsync<JsonElement>(after is null ? path : $"{path}&after={after}");
            all.AddRange(page.GetProperty(items).EnumerateArray());
            if (page.GetProperty("next").ValueKind == JsonValueKind.Null)
            {
                return all;
            }

            after = page.GetProperty("next").GetString();
        }
    }

    /// <summary>The operator's four steps on an approved order, each waited for, until it is SHIPPED.</summary>
    public async Task ShipAsync(Guid orderId)
    {
        await WaitInOperatorQueueAsync(orderId);
        foreach (var (step, status) in new[] { ("start", "MANUFACTURING_STARTED"), ("complete", "MANUFACTURING_COMPLETED"), ("package", "PACKAGING"), ("ship", "SHIPPED") })
        {
            using var response = await OperatorStepAsync(orderId, step);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await WaitForStatusAsync(orderId, status);
        }
    }

    /// <summary>The ids of the latest 100 orders of the customer <paramref name="shopApi"/> is signed in as, newest first.</summary>
    public static async Task<IReadOnlyList<Guid>> OrderIdsAsync(HttpClient shopApi) =>
        (await shopApi.GetFromJsonAsync<JsonElement>("/api/orders?limit=100")).GetProperty("orders").EnumerateArray()
            .Select(order => order.GetProperty("id").GetGuid()).ToList();

    public static string[] HistoryStatuses(JsonElement order) =>
        order.GetProperty("history").EnumerateArray().Select(change => change.GetProperty("to").GetString()!).ToArray();

    /// <summary>
    /// How every fault drill ends: each order approved within <paramref name="approvedWithin"/>, taken through the
    /// operator's steps and closed by CRM's auto-close; none of them in a dead-letter queue; each status once in each
    /// history. Returns the closed orders.
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>> ShipAndCloseAllAsync(IReadOnlyCollection<Guid> orderIds, TimeSpan approvedWithin)
    {
        foreach (var orderId in orderIds)
        {
            await WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED", approvedWithin);
            await ShipAsync(orderId);
        }

        var deadLettered = await DeadLetteredOrdersAsync();
        Assert.True(!orderIds.Any(deadLettered.Contains), $"Orders in a dead-letter queue: {string.Join(", ", orderIds.Where(deadLettered.Contains))}\n{system.DescribeForFailure()}");
        var closed = new List<JsonElement>();
        foreach (var orderId in orderIds)
        {
            var order = await WaitForStatusAsync(orderId, "CLOSED");
            var statuses = HistoryStatuses(order);
            Assert.True(statuses.Distinct().Count() == statuses.Length, $"Order {orderId} has a status twice: {string.Join(" > ", statuses)}");
            closed.Add(order);
        }

        return closed;
    }

    /// <summary>The orders of every message in any dead-letter queue, as support lists them (Crm.Api's GET /api/dead-letters).</summary>
    public async Task<HashSet<Guid>> DeadLetteredOrdersAsync()
    {
        return (await system.Support.GetFromJsonAsync<JsonElement>("/api/dead-letters")).EnumerateArray()
            .Select(letter => letter.GetProperty("orderId").GetGuid()).ToHashSet();
    }

    /// <summary>
    /// The answer to a request a stopped dependency (the database, storage) could not serve: 503 with Retry-After, as a
    /// problem, naming no address of the infrastructure.
    /// </summary>
    public static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
        Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
    }
}
