using System.Collections.ObjectModel;
using Alexandrite.Testing.Otlp.Wire;

namespace Alexandrite.Testing.Otlp;

/// <summary>
/// Maps OTLP AnyValue/KeyValue (opentelemetry-proto common.proto) to plain .NET values, so tests
/// compare against what they put into Activity tags or log state without knowing the wire types.
/// </summary>
internal static class AttributeValues
{
    /// <param name="keyValues">Null stands for an absent parent message, e.g. a request without a Resource.</param>
    public static IReadOnlyDictionary<string, object?> ToDictionary(IReadOnlyList<KeyValue>? keyValues)
    {
        if (keyValues is null || keyValues.Count == 0)
        {
            return ReadOnlyDictionary<string, object?>.Empty;
        }

        // Keys "MUST be unique" per the spec; if a sender breaks that, the last one wins
        // instead of the whole request failing.
        var dictionary = new Dictionary<string, object?>(keyValues.Count, StringComparer.Ordinal);
        foreach (var keyValue in keyValues)
        {
            dictionary[keyValue.Key] = ToObject(keyValue.Value);
        }

        return new ReadOnlyDictionary<string, object?>(dictionary);
    }

    /// <summary>
    /// string, bool, long, double, byte[], object?[] for array_value and a read-only
    /// dictionary for kvlist_value; null for an absent or empty AnyValue.
    /// </summary>
    public static object? ToObject(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue,
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
        AnyValue.ValueOneofCase.BytesValue => value.BytesValue.ToByteArray(),
        AnyValue.ValueOneofCase.ArrayValue => value.ArrayValue.Values.Select(ToObject).ToArray(),
        AnyValue.ValueOneofCase.KvlistValue => ToDictionary(value.KvlistValue.Values),
        _ => null,
    };
}
