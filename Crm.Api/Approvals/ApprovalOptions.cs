namespace Alexandrite.Crm.Api.Approvals;

/// <summary>When CRM approves on its own, bound from the "Approvals" section.</summary>
public sealed class ApprovalOptions
{
    public const string SectionName = "Approvals";

    /// <summary>Prices up to this (in the quote's currency) are approved automatically; above it the manager decides.</summary>
    public decimal AutoApproveLimit { get; set; } = 1000m;
}
