namespace Alexandrite.Shop.Web.Security;

/// <summary>
/// Configuration section "SignIn:Throttling" (<see cref="SignInThrottle"/>): how many failed sign-ins an account name
/// and a client address may have within <see cref="Window"/> before every sign-in for them is refused until the
/// window ends. Checked when the service starts.
/// </summary>
internal sealed class SignInThrottleOptions
{
    public const string SectionName = SignInOptions.SectionName + ":Throttling";

    /// <summary>Failed sign-ins one account name (any case, existing or not) may have within the window.</summary>
    public int FailuresPerAccount { get; set; } = 5;

    /// <summary>Failed sign-ins one client address may have within the window, whatever names it tries.</summary>
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>The window the failures are counted in; a throttled account or address may try again when it ends.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    public bool IsValid() =>
        FailuresPerAccount > 0 && FailuresPerAddress > 0 && Window >= TimeSpan.FromSeconds(1) && Window <= TimeSpan.FromDays(1);
}
