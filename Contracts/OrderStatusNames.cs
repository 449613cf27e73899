using System.Collections.Frozen;

namespace Alexandrite.Contracts;

/// <summary>The wire and database names of <see cref="OrderStatus"/>: INITIATED, FILE_UPLOADED, ...</summary>
public static class OrderStatusNames
{
    private static readonly FrozenDictionary<OrderStatus, string> Names =
        Enum.GetValues<OrderStatus>().ToFrozenDictionary(status => status, ToScreamingSnake);

    private static readonly FrozenDictionary<string, OrderStatus> Statuses =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string ToName(this OrderStatus status) => Names[status];

    public static bool TryParse(string? name, out OrderStatus status) => Statuses.TryGetValue(name ?? "", out status);

    public static OrderStatus Parse(string name) =>
        TryParse(name, out var status) ? status : throw new FormatException($"'{name}' is not an order status.");

    private static string ToScreamingSnake(OrderStatus status) =>
        string.Concat(status.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
