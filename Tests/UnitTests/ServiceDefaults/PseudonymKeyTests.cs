using Alexandrite.Testing.Otlp;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Alexandrite.UnitTests.ServiceDefaults;

/// <summary>
/// The pseudonym key has a published default for Development only: anywhere else a service without its own key
/// refuses to start, naming the setting, rather than hash customers with a key anyone can read.
/// </summary>
[Collection(ServiceDefaultsHostCollection.Name)]
public sealed class PseudonymKeyTests
{
    [Fact]
    public async Task Outside_Development_a_service_without_a_pseudonym_key_does_not_start_and_says_which_setting()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var builder = LoopbackApps.ServiceBuilder(Environments.Production, receiver, new Dictionary<string, string?> { ["Telemetry:PseudonymKey"] = null });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => LoopbackApps.StartAsync(builder, _ => { }));

        Assert.Contains("Telemetry:PseudonymKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Development_a_service_without_one_starts_with_the_development_key()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var builder = LoopbackApps.ServiceBuilder(Environments.Development, receiver, new Dictionary<string, string?> { ["Telemetry:PseudonymKey"] = null });

        await using var app = await LoopbackApps.StartAsync(builder, _ => { });

        Assert.Equal(
            Alexandrite.ServiceDefaults.Telemetry.TelemetryOptions.DevelopmentPseudonymKey,
            app.Services.GetRequiredService<IOptions<Alexandrite.ServiceDefaults.Telemetry.TelemetryOptions>>().Value.PseudonymKey);
    }
}
