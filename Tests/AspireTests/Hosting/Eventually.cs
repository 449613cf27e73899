namespace Alexandrite.AspireTests;

/// <summary>
/// Polling the running system until something it does asynchronously shows (a message handled, a target scraped, a
/// dead letter listed), with a deadline; past it the test fails with <c>failure</c>, which names what never came.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure) =>
        await ValueAsync(async () => await condition() ? true : (bool?)null, timeout, failure);

    /// <summary>The first value <paramref name="probe"/> gives (null: not yet).</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string> failure) where T : struct
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, failure());
            await Task.Delay(PollInterval);
        }
    }
}
