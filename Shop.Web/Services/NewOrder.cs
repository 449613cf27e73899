using System.ComponentModel.DataAnnotations;

namespace Alexandrite.Shop.Web.Services;

/// <summary>What the customer types into the order form.</summary>
public sealed class NewOrder
{
    [Required(ErrorMessage = "Please tell us your name.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "We need an e-mail address to reach you."), EmailAddress(ErrorMessage = "That e-mail address does not look right.")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "We need a phone number for the courier.")]
    public string? Phone { get; set; }

    [Required(ErrorMessage = "Where should we send the piece?")]
    public string? Address { get; set; }

    [Required]
    public string Material { get; set; } = "silver";

    /// <summary>
    /// The order's id, chosen when the form is shown (GUID v7), so the browser's span of the click that places the
    /// order already carries it, and posting the form twice places one order.
    /// </summary>
    public Guid? OrderId { get; set; }
}
