using Alexandrite.Contracts;
using Alexandrite.ShopDatabase;

namespace Alexandrite.Shop.Api.Orders;

/// <summary>An order as the Shop DB holds it, with its status history.</summary>
internal sealed record Order(
    Guid Id,
    OrderStatus Status,
    string? StatusReason,
    string Material,
    ModelFile? Model,
    decimal? Price,
    string? Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<StatusChange> History);

/// <summary>An order as a line of the customer's list.</summary>
internal sealed record OrderSummary(
    Guid Id, OrderStatus Status, string Material, string? ModelFileName, decimal? Price, string? Currency, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The uploaded 3D model: where it is stored and what it measures.</summary>
internal sealed record ModelFile(string FileId, string FileName, string Format, long Bytes, long Polygons, double Volume);

/// <summary>The customer's contact data: personal data, never logged or put on a span.</summary>
internal sealed record Customer(string Name, string Email, string Phone, string Address);
