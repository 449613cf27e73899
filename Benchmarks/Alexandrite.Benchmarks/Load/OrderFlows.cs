using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.Benchmarks.Load;

/// <summary>
/// A customer's order as the shop places it on Shop.Api: create (with an id the client chose, so a flow that fails
/// half-way is still known), upload the model, submit; each request signed with the customer's access token and
/// recorded. A 10 mm silver cube: auto-approved by Crm.Api (under Approvals:AutoApproveLimit), so every order runs
/// the whole automatic pipeline to MANUFACTURING_APPROVED and a manufacturing job. With several Shop.Api instances
/// (side by side, each with a telemetry setting of its own) the flows take them in turn, each flow on one instance.
/// </summary>
internal sealed class OrderFlows(IReadOnlyList<HttpClient> shopApis, AccessTokenSource tokens)
{
    private int _flows = -1;

    /// <summary>The model every order uploads: 12 triangles, 684 bytes.</summary>
    private static readonly byte[] Model = SampleModels.BinaryStlCube(10);

    /// <summary>The error answer's body kept for the report, cut to this many characters.</summary>
    private const int ErrorBodyLength = 300;

    public async Task<FlowOutcome> RunAsync(RequestRecorder recorder, CancellationToken cancellationToken)
    {
        var instance = (int)((uint)Interlocked.Increment(ref _flows) % (uint)shopApis.Count);
        var shopApi = (Client: shopApis[instance], Instance: instance);
        var id = Guid.NewGuid();
        var body = new
        {
            id,
            customer = new { name = "Ada Lovelace", email = "ada@example.com", phone = "+44 20 7946 0000", address = "12 St James's Square, London" },
            material = "silver",
        };
        if (!await SendAsync(shopApi, RequestKind.Create, HttpMethod.Post, "/api/orders", JsonContent.Create(body), recorder, cancellationToken))
        {
            return new FlowOutcome(id, Submitted: false);
        }

        var file = new ByteArrayContent(Model);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "file", "cube.stl" } };
        if (!await SendAsync(shopApi, RequestKind.Upload, HttpMethod.Put, $"/api/orders/{id}/model", form, recorder, cancellationToken))
        {
            return new FlowOutcome(id, Submitted: false);
        }

        return new FlowOutcome(id, await SendAsync(shopApi, RequestKind.Submit, HttpMethod.Post, $"/api/orders/{id}/submit", null, recorder, cancellationToken));
    }

    private async Task<bool> SendAsync(
        (HttpClient Client, int Instance) shopApi, RequestKind kind, HttpMethod method, string path, HttpContent? content, RequestRecorder recorder, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.For(Roles.Customer, Roles.Customer, ResourceNames.ShopApi));
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await shopApi.Client.SendAsync(request, cancellationToken);
            string? error = null;
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                error = text.Length > ErrorBodyLength ? text[..ErrorBodyLength] : text;
            }
            else
            {
                // The answer is read whole, as a client does, before the request counts as done.
                await response.Content.LoadIntoBufferAsync(cancellationToken);
            }

            recorder.Add(new RequestSample(kind, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, shopApi.Instance), error);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            recorder.Add(new RequestSample(kind, 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds, shopApi.Instance), $"{exception.GetType().Name}: {exception.Message}");
            return false;
        }
    }
}

/// <summary>An order flow's end: its id, and whether it got as far as SUBMITTED.</summary>
internal sealed record FlowOutcome(Guid OrderId, bool Submitted);
