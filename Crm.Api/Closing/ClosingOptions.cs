namespace Alexandrite.Crm.Api.Closing;

/// <summary>When shipped orders close without the customer's confirmation, bound from the "Closing" section.</summary>
public sealed class ClosingOptions
{
    public const string SectionName = "Closing";

    public TimeSpan AutoCloseAfter { get; set; } = TimeSpan.FromDays(14);

    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
