using System.Collections;
using System.Text;
using Alexandrite.Testing.Otlp.Wire;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Alexandrite.Testing.Otlp;

/// <summary>
/// Gathers every string in a decoded export request by walking the message descriptors, so a
/// string field added to the .proto subset is covered without touching this code. Feeds
/// <see cref="OtlpReceiver.AllStrings"/>, which tests use to prove a PII canary never leaves a
/// service by any route: names, attribute keys and values at any depth, bodies, trace state,
/// schema URLs, units, exemplar attributes.
/// </summary>
internal static class StringCollector
{
    public static void Collect(IMessage message, ISet<string> strings)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                foreach (var item in (IList)value)
                {
                    CollectValue(field, item, strings);
                }
            }
            else
            {
                CollectValue(field, value, strings);
            }
        }
    }

    private static void CollectValue(FieldDescriptor field, object? value, ISet<string> strings)
    {
        switch (value)
        {
            case string text when text.Length > 0:
                strings.Add(text);
                break;
            case IMessage nested:
                Collect(nested, strings);
                break;
            // Ids are bytes too, but only an attribute's bytes_value can carry text a service chose
            // to send; decoded as UTF-8 so a canary sent as bytes is still found.
            case ByteString bytes when IsBytesAttributeValue(field) && !bytes.IsEmpty:
                strings.Add(Encoding.UTF8.GetString(bytes.Span));
                break;
        }
    }

    private static bool IsBytesAttributeValue(FieldDescriptor field) =>
        field.ContainingType == AnyValue.Descriptor && field.FieldNumber == AnyValue.BytesValueFieldNumber;
}
