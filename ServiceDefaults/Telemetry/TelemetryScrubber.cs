using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// The one place that decides what telemetry may carry (docs/adr/0004-sanitization.md): attribute keys the
/// system emits on purpose pass; secrets, personal data and anything unknown do not; query strings are cut
/// from URLs; and every string that passes is scrubbed of e-mail addresses, phone numbers, card numbers,
/// JWTs and bearer tokens. Used for spans, span events, links, status descriptions and log records alike.
/// </summary>
public static partial class TelemetryScrubber
{
    public const string Redacted = "[REDACTED]";

    /// <summary>Prefixes of attribute keys the system and its libraries emit on purpose.</summary>
    private static readonly string[] AllowedPrefixes =
    [
        "http.request.method", "http.response.status_code", "http.route", "url.scheme", "url.path", "url.full",
        "server.", "client.port", "network.", "user_agent.original", "error.type", "exception.",
        "db.", "messaging.", "rpc.", "aws.s3.", "order.", "otel.", "thread.", "code.",
        // Log-record attributes: the template, the category and the arguments of our own [LoggerMessage] logs.
        "{OriginalFormat}", "OrderId", "MessageType", "MessageId", "Queue", "Schema", "Service", "ProcessId",
        "Address", "Count", "Attempt", "Attempts", "Outcome", "Reason", "Price", "Limit", "Duration", "ProgressMs",
        "Polygons", "FileId", "ApprovedBy", "MessageTypes", "Progress", "Stage", "Worker", "Owner", "Age", "Since",
        "Account", // Shop.Web's sign-in throttle: a keyed hash of the name, never the name itself.
        "User", // Staff accounts (who paused a consumer, who redrove a dead letter); customers are never logged by name.
        "WaitingOn", "FailedDeliveries", "Delay",
        // ASP.NET Core, Kestrel and Npgsql log arguments worth keeping (paths, never query strings; see below).
        "Protocol", "Method", "Scheme", "Host", "PathBase", "Path", "StatusCode", "ElapsedMilliseconds", "ContentType",
        "ContentLength", "EndpointName", "RouteData", "HttpMethod", "Uri", "address", "environmentName", "contentRoot",
        "ConnectionId", "RequestId", "RequestPath", "TraceIdentifier", "CommandText", "Parameters", "duration",
        "Event", "Name", "HealthCheckName", "HealthStatus", "ElapsedMilliseconds",
    ];

    /// <summary>Keys that are never kept, whatever a prefix allows: credentials and personal data.</summary>
    private static readonly string[] DeniedFragments =
    [
        "authorization", "cookie", "token", "password", "passwd", "secret", "api_key", "apikey", "credential",
        "email", "e-mail", "phone", "customer.name", "customer.address", "user.name", "user.full_name", "enduser.",
        "http.request.header.", "http.response.header.", "url.query", "QueryString",
    ];

    /// <summary>
    /// The decisions made so far, by key. Keys are names in code (attribute names, log templates' placeholders), a few
    /// hundred at most, and every exported span asks for each of its keys; the bound only keeps a flood of unexpected
    /// keys from growing it without end.
    /// </summary>
    private static readonly ConcurrentDictionary<string, bool> KeyDecisions = new(StringComparer.Ordinal);

    private const int MaxKeyDecisions = 4096;

    public static bool IsAllowedKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (KeyDecisions.TryGetValue(key, out var allowed))
        {
            return allowed;
        }

        allowed = !DeniedFragments.Any(fragment => key.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            && AllowedPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal));
        if (KeyDecisions.Count < MaxKeyDecisions)
        {
            KeyDecisions.TryAdd(key, allowed);
        }

        return allowed;
    }

    /// <summary>The value telemetry may carry for <paramref name="key"/>; null when the key must go.</summary>
    public static object? ScrubAttribute(string key, object? value)
    {
        if (!IsAllowedKey(key))
        {
            return null;
        }

        return value switch
        {
            string text when key is "url.full" or "url.path" or "Uri" or "Path" or "RequestPath" => Scrub(WithoutQuery(text)),
            string text => Scrub(text),
            string[] texts => texts.Select(Scrub).ToArray(),
            _ => value,
        };
    }

    /// <summary>Removes e-mail addresses, phone and card numbers, JWTs and bearer tokens from free text.</summary>
    public static string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        // Most of what is scrubbed (SQL, routes, ids, log templates' text) cannot hold most of the patterns: each needs
        // a character (@, +, ?), a literal (eyJ) or a number of digits (\d, any Unicode digit, as char.IsDigit) that
        // one look at the text rules out, far more cheaply than running the pattern over it. The replacements hold none
        // of these, so what the first look rules out stays ruled out after each of them.
        var shape = TextShape.Of(text);
        if (text.Contains("eyJ", StringComparison.Ordinal))
        {
            text = Jwt().Replace(text, "[REDACTED:jwt]");
        }

        text = Bearer().Replace(text, "${scheme} [REDACTED:token]");
        if (shape.At)
        {
            text = Email().Replace(text, "[REDACTED:email]");
        }

        if (shape.Digits >= CardNumberMinDigits)
        {
            text = CardNumber().Replace(text, match => IsLuhnValid(match.Value) ? "[REDACTED:card]" : match.Value);
        }

        if (shape.Plus && shape.Digits >= InternationalPhoneMinDigits)
        {
            text = InternationalPhone().Replace(text, "[REDACTED:phone]");
        }

        if (shape.Digits >= NationalPhoneMinDigits)
        {
            text = NationalPhone().Replace(text, "[REDACTED:phone]");
        }

        return shape.Question ? QueryString().Replace(text, "${path}") : text;
    }

    // The fewest digits each pattern below can match: (?:\d[ -]?){12,18}\d; \+\d{1,3}(?:...\d{1,4}...){2,5}; three groups of \d{3,4}.
    private const int CardNumberMinDigits = 13;
    private const int InternationalPhoneMinDigits = 3;
    private const int NationalPhoneMinDigits = 9;

    /// <summary>What one pass over a text finds: the characters the patterns need, and how many digits it has.</summary>
    private readonly record struct TextShape(bool At, bool Plus, bool Question, int Digits)
    {
        public static TextShape Of(string text)
        {
            bool at = false, plus = false, question = false;
            var digits = 0;
            foreach (var c in text)
            {
                switch (c)
                {
                    case '@':
                        at = true;
                        break;
                    case '+':
                        plus = true;
                        break;
                    case '?':
                        question = true;
                        break;
                    default:
                        if (char.IsDigit(c))
                        {
                            digits++;
                        }

                        break;
                }
            }

            return new TextShape(at, plus, question, digits);
        }
    }

    /// <summary>A URL or path without its query string (and fragment).</summary>
    public static string WithoutQuery(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? url : url[..cut];
    }

    private static bool IsLuhnValid(string candidate)
    {
        var digits = candidate.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length is < 13 or > 19)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i];
            sum += i % 2 == 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic|Token))\s+[A-Za-z0-9._~+/=-]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\w-])(?:\d[ -]?){12,18}\d(?![\w-])")]
    private static partial Regex CardNumber();

    [GeneratedRegex(@"(?<![\w-])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?![\w-])(?![\s.-]\d)")]
    private static partial Regex InternationalPhone();

    // Groups of 3-4 digits separated by spaces, dots or hyphens ("020 7946 0000", "(555) 123-4567"); dates,
    // times and GUID fragments do not have that shape, the hyphen guards keep GUIDs whole, and a phone number
    // is never part of a longer run of digit groups (a card number that failed the Luhn check, say).
    [GeneratedRegex(@"(?<![\w-])(?<!\d[\s.-])\(?\d{3,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}(?![\w-])(?![\s.-]\d)")]
    private static partial Regex NationalPhone();

    // A query string inside free text, such as a log line's "GET http://host/path?email=...": the path stays.
    [GeneratedRegex(@"(?<path>(?:https?://[^\s?#]+|/[^\s?#]*))\?[^\s#]*")]
    private static partial Regex QueryString();
}
