using System.Diagnostics;
using OpenTelemetry;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Applies <see cref="TelemetryScrubber"/> to every span that is exported, just before the exporters see it
/// (it is the first step of the export path, see TraceExportPipeline): name, attributes, status description,
/// event attributes (exception messages included) and links. Spans that are dropped are never scrubbed.
/// </summary>
internal sealed class SanitizingSpanProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        data.DisplayName = TelemetryScrubber.Scrub(TelemetryScrubber.WithoutQuery(data.DisplayName));
        foreach (var (key, value) in data.TagObjects.ToList())
        {
            var scrubbed = TelemetryScrubber.ScrubAttribute(key, value);
            if (!Equals(scrubbed, value))
            {
                data.SetTag(key, scrubbed);
            }
        }

        if (data.StatusDescription is { } description)
        {
            data.SetStatus(data.Status, TelemetryScrubber.Scrub(description));
        }

        // Events cannot be removed from an Activity, but their tags (exception.message among them) live in a
        // mutable ActivityTagsCollection, which is scrubbed in place.
        foreach (var activityEvent in data.Events)
        {
            if (activityEvent.Tags is ActivityTagsCollection tags)
            {
                ScrubInPlace(tags);
            }
        }

        foreach (var link in data.Links)
        {
            if (link.Tags is ActivityTagsCollection tags)
            {
                ScrubInPlace(tags);
            }
        }
    }

    private static void ScrubInPlace(ActivityTagsCollection tags)
    {
        foreach (var (key, value) in tags.ToList())
        {
            var scrubbed = TelemetryScrubber.ScrubAttribute(key, value);
            if (scrubbed is null)
            {
                tags.Remove(key);
            }
            else if (!Equals(scrubbed, value))
            {
                tags[key] = scrubbed;
            }
        }
    }
}
