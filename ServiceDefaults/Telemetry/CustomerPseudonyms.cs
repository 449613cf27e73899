using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// The customer as telemetry may name them: a keyed hash (HMAC-SHA256) of their e-mail address, stable enough
/// to follow one customer's orders, useless without the key (a secret setting, Telemetry:PseudonymKey). The same
/// for any other personal value a log must tell apart without naming it (<see cref="Of"/>).
/// </summary>
public sealed class CustomerPseudonyms(IOptions<TelemetryOptions> options)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.PseudonymKey
        ?? throw new InvalidOperationException("Telemetry:PseudonymKey is not set."));

    public string For(string email) => Of("cust-", email);

    /// <summary><paramref name="prefix"/> and the keyed hash of <paramref name="value"/>, trimmed, in any case.</summary>
    public string Of(string prefix, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value.Trim().ToUpperInvariant()));
        return prefix + Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }
}
