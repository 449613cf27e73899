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

    /// <summary>
    /// "off", a ratio ("0.1"), or either with environment of its own on each service to compare a variation of a
    /// setting with the setting itself: "0.1+OTEL_METRIC_EXPORT_INTERVAL=60000" (several joined by "+").
    /// </summary>
    public static TelemetrySetting Parse(string name)
    {
        var parts = name.Split('+');
        var setting = parts[0].Equals(Off.Name, StringComparison.OrdinalIgnoreCase) ? Off : Sampled(double.Parse(parts[0], CultureInfo.InvariantCulture));
        if (parts.Length == 1)
        {
            return setting;
        }

        var environment = new Dictionary<string, string>(setting.Environment);
        foreach (var variable in parts.Skip(1))
        {
            var (key, value) = variable.Split('=', 2) is [var k, var v] && k.Length > 0
                ? (k, v)
                : throw new ArgumentException($"{variable} in the setting {name} is not KEY=VALUE.");
            environment[key] = value;
        }

        return new TelemetrySetting(name, environment);
    }

    public bool IsOff => Name == Off.Name;
}
