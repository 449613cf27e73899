using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Alexandrite.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;

namespace Alexandrite.Shop.Web.Security;

/// <summary>
/// Slows password guessing down (OWASP Authentication Cheat Sheet): counts FAILED sign-ins per account name and per
/// client address, and once either has had its limit within the window (<see cref="SignInThrottleOptions"/>),
/// refuses every sign-in for it, the right password included, until the window ends. A successful sign-in costs
/// nothing, so someone who types the right password is never slowed down by it.
/// </summary>
/// <remarks>
/// <para>
/// Built on System.Threading.RateLimiting, the engine under ASP.NET Core's rate limiting middleware, not on the
/// middleware itself: the middleware's partitioner is a synchronous function of the HttpContext, run before the
/// endpoint, so it can neither read the form's account name (reading a form is asynchronous) nor know whether the
/// password was right; it would count every attempt. Instead the sign-in endpoint asks <see cref="RetryAfter"/>
/// (AttemptAcquire with 0 permits: a check that consumes nothing) before verifying, and calls
/// <see cref="RecordFailure"/> (one permit from each limiter) after a failed verification. Two limiters rather than
/// one chained: a chained limiter answers with the first refusal only, while the answer should wait for the later
/// of the two and the log should say which one was exhausted.
/// </para>
/// <para>
/// Accounts are partitioned by a keyed hash of the upper-cased name, whether or not such an account exists (being
/// throttled then says nothing about which accounts exist), so the limiter never holds a name a guesser typed and
/// a very long name costs no more memory than a short one. Client addresses are partitioned as IPv4 addresses and
/// IPv6 /64 networks (one host usually has a whole /64). Behind a reverse proxy every client would have the proxy's
/// address until forwarded headers are configured; Shop.Web is reached directly here.
/// </para>
/// <para>
/// Fixed windows: a window starts when its account or address is first seen and an exhausted one waits for the
/// window's end, whose whole length the limiter reports as Retry-After (an upper bound). The counts live in this
/// process: several instances would each count their own. Check and count are not one step, so a few guesses sent at
/// the same instant can all be verified before the first failure is counted.
/// </para>
/// </remarks>
internal sealed partial class SignInThrottle : IDisposable
{
    private readonly SignInThrottleOptions _options;
    private readonly CustomerPseudonyms _pseudonyms;
    private readonly ILogger<SignInThrottle> _logger;
    private readonly PartitionedRateLimiter<string> _accounts;
    private readonly PartitionedRateLimiter<string> _addresses;

    public SignInThrottle(IOptions<SignInThrottleOptions> options, CustomerPseudonyms pseudonyms, ILogger<SignInThrottle> logger)
    {
        _options = options.Value;
        _pseudonyms = pseudonyms;
        _logger = logger;
        _accounts = FailuresPer(_options.FailuresPerAccount, _options.Window);
        _addresses = FailuresPer(_options.FailuresPerAddress, _options.Window);
    }

    /// <summary>The partitions an attempt counts against: the account name (any case) and the client's address.</summary>
    public SignInAttempt AttemptOf(string? name, IPAddress? address) =>
        new(_pseudonyms.Of("acct-", name ?? ""), AddressKey(address));

    /// <summary>
    /// Null when the attempt may be verified; otherwise how long to wait (the later of the account's and the address's
    /// Retry-After), because one of them has had too many failures in its window. Consumes nothing.
    /// </summary>
    public TimeSpan? RetryAfter(SignInAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        using var account = _accounts.AttemptAcquire(attempt.Account, 0);
        using var address = _addresses.AttemptAcquire(attempt.Address, 0);
        if (account.IsAcquired && address.IsAcquired)
        {
            return null;
        }

        return TimeSpan.FromTicks(Math.Max(WaitOf(account).Ticks, WaitOf(address).Ticks));
    }

    /// <summary>Counts a failed verification against the account and the address; logs the one it exhausts.</summary>
    public void RecordFailure(SignInAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (Count(_accounts, attempt.Account))
        {
            LogAccountThrottled(_logger, attempt.Account, _options.FailuresPerAccount, _options.Window);
        }

        if (Count(_addresses, attempt.Address))
        {
            LogAddressThrottled(_logger, _pseudonyms.Of("addr-", attempt.Address), _options.FailuresPerAddress, _options.Window);
        }
    }

    public void Dispose()
    {
        _accounts.Dispose();
        _addresses.Dispose();
    }

    private static PartitionedRateLimiter<string> FailuresPer(int limit, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes one permit; true when it was the last of the window (this failure exhausted the partition).</summary>
    private static bool Count(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired && limiter.GetStatistics(key)?.CurrentAvailablePermits == 0;
    }

    private TimeSpan WaitOf(RateLimitLease lease) =>
        lease.IsAcquired ? TimeSpan.Zero
        : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter
        : _options.Window;

    /// <summary>IPv4 (also when mapped into IPv6) as is, IPv6 by its /64 network, "unknown" without an address.</summary>
    private static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return new IPAddress(bytes) + "/64";
    }

    // The account and the address are logged as pseudonyms only (the logs are exported, and both are personal data);
    // the password is never logged.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in throttled for account {Account}: {Limit} failed sign-ins within {Duration}")]
    private static partial void LogAccountThrottled(ILogger logger, string account, int limit, TimeSpan duration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in throttled for client address {Address}: {Limit} failed sign-ins within {Duration}")]
    private static partial void LogAddressThrottled(ILogger logger, string address, int limit, TimeSpan duration);
}

/// <summary>Where a sign-in attempt counts: the account's pseudonym and the client's address (or its /64 network).</summary>
internal sealed record SignInAttempt(string Account, string Address);
