namespace Alexandrite.Shop.Web.Services;

/// <summary>
/// Bounds each call to a back-end API, and reports one that does not answer in time as unreachable
/// (<see cref="HttpRequestException"/>, which the pages already tell the customer about in plain words).
/// Under the AppHost every call goes through the orchestrator's proxy, which accepts the connection even while the
/// API is stopped and holds it open: without a bound, the page would wait for HttpClient's 100 seconds.
/// ServiceDefaults' standard resilience handler (Microsoft.Extensions.Http.Resilience) is to take this over.
/// </summary>
internal sealed class ApiCallTimeout(TimeSpan timeout) : DelegatingHandler
{
    /// <summary>Long enough for any command (an upload included), short enough for a person to wait for.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await base.SendAsync(request, deadline.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"{request.RequestUri?.GetLeftPart(UriPartial.Authority)} did not answer within {timeout.TotalSeconds:0} s.", exception);
        }
    }
}
