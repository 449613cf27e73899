using System.Text.Json;

namespace Alexandrite.UnitTests.Architecture;

/// <summary>
/// What the runtime reads when a service starts (its runtimeconfig.json, as built): the thread pool does not
/// spin-wait (ThreadPoolSpinCount in Directory.Build.props says why).
/// </summary>
public sealed class RuntimeSettingsTests
{
    private const string SpinLimit = "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit";

    [Theory]
    [InlineData("Shop.Api", "Alexandrite.Shop.Api")]
    [InlineData("Mes.Api", "Alexandrite.Mes.Api")]
    [InlineData("Crm.Api", "Alexandrite.Crm.Api")]
    [InlineData("Shop.Web", "Alexandrite.Shop.Web")]
    [InlineData("AppHost", "AppHost")]
    public void A_service_runs_without_thread_pool_spin_waiting(string project, string assembly)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(RuntimeConfig(project, assembly)));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty(SpinLimit, out var limit), $"{project} does not set {SpinLimit}.");
        Assert.Equal(0, limit.GetInt32());
    }

    /// <summary>The project's runtimeconfig.json, built in the configuration these tests were (bin/&lt;configuration&gt;/&lt;framework&gt;).</summary>
    private static string RuntimeConfig(string project, string assembly)
    {
        var root = RepositoryRoot.Find();
        var output = Path.GetRelativePath(Path.Combine(root, "Tests", "UnitTests"), AppContext.BaseDirectory);
        var path = Path.Combine(root, project, output, $"{assembly}.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} was not built.");
        return path;
    }
}
