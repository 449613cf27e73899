using Alexandrite.Contracts;
using Alexandrite.Testing.Otlp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Alexandrite.UnitTests.ServiceDefaults.Security;

/// <summary>
/// The access tokens' signing key has no built-in default in any environment: a service that checks tokens and has
/// no key of its own refuses to start, naming the setting, rather than accept tokens anyone could sign.
/// </summary>
[Collection(ServiceDefaultsHostCollection.Name)]
public sealed class SigningKeyTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task A_service_without_a_signing_key_does_not_start_and_says_which_setting(string environment)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var builder = LoopbackApps.ServiceBuilder(environment, receiver, new Dictionary<string, string?>
        {
            ["Telemetry:PseudonymKey"] = "a-key-of-this-test-only-0123456789",
            ["Auth:SigningKey"] = null,
        });
        builder.AddAccessTokenAuthentication(ResourceNames.ShopApi);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => LoopbackApps.StartAsync(builder, _ => { }));

        Assert.Contains("Auth:SigningKey", failure.Message, StringComparison.Ordinal);
    }
}
