using System.Globalization;

namespace Alexandrite.Benchmarks.Load;

/// <summary>
/// A telemetry setting the system is started with, as environment on each of the four services: the OpenTelemetry
/// SDK truly off (OTEL_SDK_DISABLED, the specification's switch: no-op providers for every signal), or on with a
/// sampling ratio (Telemetry:Sampling:Ratio; the services export to the AppHost's dashboard as always).
/// </summary>
internal sealed record TelemetrySetting(string Name, IReadOnlyDictionary<string, string> Environment)
{
    public static readonly TelemetrySetting Off = new("off", new Dictionary<string, string> { ["OTEL_SDK_DISABLED"] = "true" });

    public static IReadOnlyList<TelemetrySetting> All { get; } = [Off, Sampled(0.1), Sampled(1.0)];

    public static TelemetrySetting Sampled(double ratio) => new(
        ratio.ToString("0.0##", CultureInfo.InvariantCulture),
        new Dictionary<string, string> { ["Telemetry__Sampling__Ratio"] = ratio.ToString(CultureInfo.InvariantCulture) });

    public static TelemetrySetting Parse(string name) =>
        name.Equals(Off.Name, StringComparison.OrdinalIgnoreCase) ? Off : Sampled(double.Parse(name, CultureInfo.InvariantCulture));

    public bool IsOff => Name == Off.Name;
}
