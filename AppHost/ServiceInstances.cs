using Microsoft.Extensions.Configuration;

namespace Alexandrite.AppHost;

/// <summary>How many processes of a service the AppHost runs (Scale:Instances:&lt;resource name&gt;, e.g. Scale:Instances:mes-api=2), and their names.</summary>
internal static class ServiceInstances
{
    public const string SectionName = "Scale:Instances";

    /// <summary>Enough for a demonstration of sharing the work on a laptop; more is a deployment's business.</summary>
    public const int Max = 8;

    public static int Of(IConfiguration configuration, string service) =>
        configuration.GetValue($"{SectionName}:{service}", 1) is var count and >= 1 and <= Max
            ? count
            : throw new InvalidOperationException($"{SectionName}:{service} must be between 1 and {Max}.");

    /// <summary>The first instance has the service's name (what every reference and test names); the others -2, -3...</summary>
    public static string Name(string service, int instance) => instance == 1 ? service : $"{service}-{instance}";
}
