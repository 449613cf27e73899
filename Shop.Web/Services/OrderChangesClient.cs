using System.Net.Http.Headers;
using System.Net.Mime;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Alexandrite.ServiceDefaults.Telemetry;
using OpenTelemetry;

namespace Alexandrite.Shop.Web.Services;

/// <summary>
/// Shop.Api's streams of order changes (server-sent events), read with the signed-in user's access token. A stream
/// lasts as long as the page is open, so this client has none of the resilience handler's timeouts and retries
/// (Extensions.cs registers it without): only the wait for the answer's headers is bounded
/// (<see cref="HeadersTimeout"/>; HttpClient.Timeout covers no more than that with ResponseHeadersRead). Not traced:
/// a page waiting for changes is nobody's action.
/// </summary>
internal sealed class OrderChangesClient(HttpClient http)
{
    /// <summary>How long Shop.Api may take to answer a subscription; a stopped one behind a proxy would otherwise hold it for ever.</summary>
    public static readonly TimeSpan HeadersTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Subscribes to <paramref name="path"/>; the caller disposes the answer, whose events <see cref="EventsAsync"/> reads.</summary>
    public async Task<HttpResponseMessage> SubscribeAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypeNames.Text.EventStream));
        request.Headers.Add(SamplingOptions.ForceHeader, "never");
        using var untraced = SuppressInstrumentationScope.Begin();
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>
    /// The events of a subscription's answer as they come, until Shop.Api ends the stream or goes away (the browser then
    /// reconnects by itself, and refreshes the page since it may have missed a change).
    /// </summary>
    public static async IAsyncEnumerable<SseItem<string>> EventsAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var _ = response;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var events = SseParser.Create(stream).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await events.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (Exception exception) when (exception is IOException or HttpRequestException)
            {
                yield break;
            }

            yield return new SseItem<string>(events.Current.Data, events.Current.EventType) { ReconnectionInterval = events.Current.ReconnectionInterval };
        }
    }
}
