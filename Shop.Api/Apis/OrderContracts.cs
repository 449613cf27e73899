using System.Text.Json.Serialization;
using Alexandrite.Contracts;
using Alexandrite.Shop.Api.Orders;
using Alexandrite.ShopDatabase;

namespace Alexandrite.Shop.Api.Apis;

internal sealed record CustomerRequest(string? Name, string? Email, string? Phone, string? Address);

/// <param name="Id">Optional: a client may name the order (a GUID it generated), so its own telemetry can carry the id from the start.</param>
internal sealed record CreateOrderRequest(CustomerRequest? Customer, string? Material, Guid? Id = null)
{
    private static readonly string[] Materials = ["gold", "silver", "platinum"];

    public string NormalizedMaterial => Material!.Trim().ToLowerInvariant();

    public Customer ToCustomer() => new(Customer!.Name!.Trim(), Customer.Email!.Trim(), Customer.Phone!.Trim(), Customer.Address!.Trim());

    /// <summary>Field errors keyed as the JSON names them, for a 400 ValidationProblem.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Customer is null)
        {
            errors["customer"] = ["The customer is required."];
        }
        else
        {
            Require(errors, "customer.name", Customer.Name, TextInput.NameMaxLength);
            Require(errors, "customer.phone", Customer.Phone, TextInput.PhoneMaxLength);
            Require(errors, "customer.address", Customer.Address, TextInput.AddressMaxLength);
            if (Require(errors, "customer.email", Customer.Email, TextInput.EmailMaxLength) && !IsEmail(Customer.Email!))
            {
                errors["customer.email"] = ["The e-mail address is not valid."];
            }
        }

        if (Id == Guid.Empty)
        {
            errors["id"] = ["The id, when given, must not be the empty GUID."];
        }

        if (!Materials.Contains(Material?.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            errors["material"] = [$"The material must be one of: {string.Join(", ", Materials)}."];
        }

        return errors;
    }

    private static bool Require(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"The field {field} is required."];
            return false;
        }

        return TextInput.Check(errors, field, value, maxLength);
    }

    private static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < value.Length - 1 && value.IndexOf('@', at + 1) < 0 && !value.Any(char.IsWhiteSpace);
    }
}

internal sealed record CancelOrderRequest(string? Reason)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        TextInput.Check(errors, "reason", Reason, TextInput.ReasonMaxLength);
        return errors;
    }
}

internal sealed record OrderCreatedResponse(Guid Id, string Status);

internal sealed record OrderStatusResponse(Guid Id, string Status);

internal sealed record ModelResponse(string FileId, string FileName, string Format, long Bytes, long Polygons, double Volume)
{
    public static ModelResponse From(ModelFile model) => new(model.FileId, model.FileName, model.Format, model.Bytes, model.Polygons, model.Volume);
}

internal sealed record PriceResponse(decimal Amount, string Currency);

/// <summary>
/// One status change. <paramref name="By"/> (the service), <paramref name="Actor"/> (who) and
/// <paramref name="TraceId"/> are for staff: a customer's view leaves them out (docs/adr/0011-who-sees-what.md).
/// </summary>
internal sealed record StatusChangeResponse(
    string? From,
    string To,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? By,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Actor,
    string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceId)
{
    public static StatusChangeResponse Of(StatusChange change, bool forStaff) => forStaff
        ? new(change.From?.ToName(), change.To.ToName(), change.ChangedAt, change.ChangedBy, change.ActorId, change.Reason, change.TraceId)
        : new(change.From?.ToName(), change.To.ToName(), change.ChangedAt, null, null, change.Reason, null);
}

/// <summary>A line of the customer's order list.</summary>
internal sealed record OrderSummaryResponse(Guid Id, string Status, string Material, string? ModelFileName, PriceResponse? Price, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static OrderSummaryResponse From(OrderSummary order) => new(
        order.Id, order.Status.ToName(), order.Material, order.ModelFileName,
        order.Price is { } price ? new PriceResponse(price, order.Currency ?? "EUR") : null, order.CreatedAt, order.UpdatedAt);
}

/// <param name="Next">The <c>before</c> of the next page; null on the last page.</param>
internal sealed record OrderListResponse(IReadOnlyList<OrderSummaryResponse> Orders, Guid? Next);

internal sealed record OrderResponse(
    Guid Id,
    string Status,
    string? StatusReason,
    string Material,
    ModelResponse? Model,
    PriceResponse? Price,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<StatusChangeResponse> History)
{
    public static OrderResponse From(Order order, bool forStaff) => new(
        order.Id,
        order.Status.ToName(),
        order.StatusReason,
        order.Material,
        order.Model is null ? null : ModelResponse.From(order.Model),
        order.Price is { } price ? new PriceResponse(price, order.Currency ?? "EUR") : null,
        order.CreatedAt,
        order.UpdatedAt,
        order.History.Select(change => StatusChangeResponse.Of(change, forStaff)).ToList());
}
