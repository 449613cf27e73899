using Alexandrite.Contracts;

namespace Alexandrite.Shop.Web.Services;

/// <summary>Each status in the customer's words.</summary>
internal static class OrderStatusText
{
    public static string Describe(string status) => status switch
    {
        "INITIATED" => "Order created: upload your 3D model.",
        "FILE_UPLOADED" => "Model received: submit the order when you are ready.",
        "SUBMITTED" => "Submitted: our workshop is calculating the price.",
        "PRICE_CALCULATED" => "Priced: waiting for approval.",
        "MANUFACTURING_APPROVED" => "Approved: waiting for the workshop.",
        "MANUFACTURING_STARTED" => "In the workshop.",
        "MANUFACTURING_COMPLETED" => "Made: being finished.",
        "PACKAGING" => "Being packed.",
        "SHIPPED" => "On its way to you.",
        "CLOSED" => "Delivered. Thank you!",
        "PRICE_CALCULATION_FAILED" => "We could not price this model.",
        "REJECTED" => "We cannot make this piece.",
        "CANCELLED" => "Cancelled.",
        _ => "",
    };

    /// <summary>No further change will come: the page stops watching.</summary>
    public static bool IsFinal(string status) =>
        OrderStatusNames.TryParse(status, out var parsed) && OrderLifecycle.IsFinal(parsed);
}
