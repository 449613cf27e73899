using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.Testing.Otlp;

namespace Alexandrite.AspireTests.Security;

/// <summary>
/// Shop.Web counts failed sign-ins per account name and per client address (TestSettings: small limits, a 10 s
/// window); past a limit every sign-in for that account or address, the right password included, is answered 429 with
/// Retry-After and a problem until the window ends. Every test signs in from the same loopback address: the test that
/// throttles it waits the window out before it ends.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class SignInThrottleTests(AspireFixture system)
{
    private const string ThrottleCategory = "Alexandrite.Shop.Web.Security.SignInThrottle";

    /// <summary>The replenishing timer of the limiters runs every 100 ms: a little more than Retry-After, to be sure.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Failed_sign_ins_for_one_account_are_refused_with_429_once_its_limit_is_reached_whether_or_not_it_exists()
    {
        var started = DateTimeOffset.UtcNow;
        var account = $"nobody-{Guid.NewGuid():N}";
        var password = $"wrong-{Guid.NewGuid():N}";
        var limit = TestSettings.SignInFailuresPerAccount;
        var browser = system.AnonymousBrowser(followRedirects: false);

        for (var attempt = 1; attempt <= limit; attempt++)
        {
            using var failed = await ShopWebForms.PostSignInAsync(browser, account, password);
            AssertOrdinaryFailure(failed, attempt);
        }

        // Attempt limit + 1 is refused; should the window have rolled over meanwhile, at most a limit's worth more fail first.
        using (var throttled = await FirstThrottledAsync(browser, () => account, password, maxAttempts: limit + 1))
        {
            await AssertThrottledAsync(throttled);
        }

        // One account's throttle leaves the others alone: the customer signs in from the same address.
        await ShopWebForms.SignInAsync(system.AnonymousBrowser(), system.User(Roles.Customer));

        // A warning names the account by its pseudonym; neither the name nor the password reaches telemetry.
        var logs = await system.Telemetry.WaitForLogRecordsAsync(
            all => all.Any(log => IsThrottleWarning(log, "Account", "acct-", started)), TraceAssertions.TelemetryTimeout);
        var warning = logs.First(log => IsThrottleWarning(log, "Account", "acct-", started));
        Assert.Contains(warning.GetString("Account")!, warning.Body as string, StringComparison.Ordinal);
        Assert.Equal(limit.ToString(CultureInfo.InvariantCulture), warning.Attributes["Limit"]?.ToString());
        foreach (var secret in new[] { account, password })
        {
            Assert.DoesNotContain(system.Telemetry.AllStrings(), text => text.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Failed_sign_ins_from_one_address_refuse_every_account_there_the_right_password_too_until_the_window_ends()
    {
        var started = DateTimeOffset.UtcNow;
        var customer = system.User(Roles.Customer);
        var retryAt = DateTimeOffset.UtcNow + TestSettings.SignInThrottleWindow + Margin;
        try
        {
            // While the address is throttled, the real customer's right password from it is refused too.
            using var refused = await ThrottleAddressThenSignInAsync(customer);
            retryAt = DateTimeOffset.UtcNow + await AssertThrottledAsync(refused) + Margin;
            Assert.False(
                refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(cookie => cookie.StartsWith("alexandrite.session=", StringComparison.Ordinal)),
                "A refused sign-in set the session cookie.");

            var logs = await system.Telemetry.WaitForLogRecordsAsync(
                all => all.Any(log => IsThrottleWarning(log, "Address", "addr-", started)), TraceAssertions.TelemetryTimeout);
            var warning = logs.First(log => IsThrottleWarning(log, "Address", "addr-", started));
            Assert.Equal(TestSettings.SignInFailuresPerAddress.ToString(CultureInfo.InvariantCulture), warning.Attributes["Limit"]?.ToString());
        }
        finally
        {
            // Whatever happened above, the address is free again before the next test signs in from it.
            var wait = retryAt - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        // Once Retry-After has passed, the customer signs in again.
        await ShopWebForms.SignInAsync(system.AnonymousBrowser(), customer);
    }

    /// <summary>
    /// Fails from this address with a fresh name every time (so only the address's count runs out) until it is
    /// throttled, then posts <paramref name="user"/>'s right password and returns the answer. Other tests may have used
    /// part of the count in this window, and the window may roll over once: within twice the limit, the address is
    /// throttled. Should it roll over in the instant between the 429 and the user's attempt, the user signs in: the
    /// address is throttled once more then.
    /// </summary>
    private async Task<HttpResponseMessage> ThrottleAddressThenSignInAsync(TestUser user)
    {
        var browser = system.AnonymousBrowser(followRedirects: false);
        for (var round = 1; ; round++)
        {
            using (var throttled = await FirstThrottledAsync(
                browser, () => $"nobody-{Guid.NewGuid():N}", "wrong", maxAttempts: 2 * TestSettings.SignInFailuresPerAddress + 1))
            {
                await AssertThrottledAsync(throttled);
            }

            var answer = await ShopWebForms.PostSignInAsync(system.AnonymousBrowser(followRedirects: false), user.Name, user.Password);
            if (answer.StatusCode == HttpStatusCode.TooManyRequests || round == 2)
            {
                return answer;
            }

            answer.Dispose();
        }
    }

    /// <summary>Posts wrong passwords until Shop.Web answers 429 (returned); every answer before it is an ordinary failure.</summary>
    private static async Task<HttpResponseMessage> FirstThrottledAsync(HttpClient browser, Func<string> name, string password, int maxAttempts)
    {
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var response = await ShopWebForms.PostSignInAsync(browser, name(), password);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            using (response)
            {
                AssertOrdinaryFailure(response, attempt);
            }
        }

        Assert.Fail($"No 429 within {maxAttempts} failed sign-ins.");
        return null!;
    }

    /// <summary>A wrong password's answer: back to the form, saying it failed.</summary>
    private static void AssertOrdinaryFailure(HttpResponseMessage response, int attempt)
    {
        Assert.True(
            response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/signin?failed=true", StringComparison.Ordinal) == true,
            $"Attempt {attempt}: expected the redirect to /signin?failed=true, got {(int)response.StatusCode} {response.Headers.Location}.");
    }

    /// <summary>429, Retry-After in whole seconds within the window, and a problem saying how long to wait; returns the wait.</summary>
    private static async Task<TimeSpan> AssertThrottledAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = Assert.IsType<TimeSpan>(response.Headers.RetryAfter?.Delta);
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(Math.Ceiling(TestSettings.SignInThrottleWindow.TotalSeconds)));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        var seconds = retryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        Assert.Equal($"Too many failed sign-ins; try again in {seconds} {(seconds == "1" ? "second" : "seconds")}.", problem.GetProperty("detail").GetString());
        return retryAfter;
    }

    /// <summary>Shop.Web's warning that an account or address got throttled, naming it by a pseudonym (<paramref name="prefix"/>).</summary>
    private static bool IsThrottleWarning(ReceivedLogRecord log, string key, string prefix, DateTimeOffset since) =>
        log.ServiceName == ResourceNames.ShopWeb
        && log.ScopeName == ThrottleCategory
        && log.SeverityNumber is >= 13 and <= 16
        && log.Timestamp >= since - TimeSpan.FromSeconds(1)
        && log.GetString(key) is { } pseudonym && pseudonym.StartsWith(prefix, StringComparison.Ordinal);
}
