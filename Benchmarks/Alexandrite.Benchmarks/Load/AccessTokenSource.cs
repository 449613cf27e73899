using System.Collections.Concurrent;
using Alexandrite.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace Alexandrite.Benchmarks.Load;

/// <summary>
/// Access tokens as Shop.Web issues them (ServiceDefaults' <see cref="AccessTokens"/>, signed with the run's key),
/// one per user, role and API, made again before it expires: a token per request would make the driver spend its
/// CPU on HMACs instead of load.
/// </summary>
internal sealed class AccessTokenSource(string signingKey)
{
    private static readonly TimeSpan Reuse = TimeSpan.FromMinutes(2);

    private readonly AccessTokens _tokens = new(Options.Create(new AccessTokenOptions { SigningKey = signingKey }), TimeProvider.System);
    private readonly ConcurrentDictionary<(string User, string Role, string Audience), (string Token, DateTimeOffset MadeAt)> _made = new();

    public string For(string user, string role, string audience)
    {
        var now = DateTimeOffset.UtcNow;
        return _made.AddOrUpdate(
            (user, role, audience),
            key => (_tokens.Create(key.User, key.Role, key.Audience), now),
            (key, made) => now - made.MadeAt < Reuse ? made : (_tokens.Create(key.User, key.Role, key.Audience), now)).Token;
    }
}
