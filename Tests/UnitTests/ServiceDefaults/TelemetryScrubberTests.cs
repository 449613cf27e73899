using Alexandrite.ServiceDefaults.Telemetry;

namespace Alexandrite.UnitTests.ServiceDefaults;

public sealed class TelemetryScrubberTests
{
    [Theory]
    [InlineData("mail ada.lovelace+shop@example.co.uk now", "mail [REDACTED:email] now")]
    [InlineData("call +44 20 7946 0000 today", "call [REDACTED:phone] today")]
    [InlineData("call +1 (555) 123-4567", "call [REDACTED:phone]")]
    [InlineData("call 020 7946 0000", "call [REDACTED:phone]")]
    [InlineData("card 4111 1111 1111 1111 used", "card [REDACTED:card] used")]
    [InlineData("Authorization: Bearer abc.DEF_123-xyz~9", "Authorization: Bearer [REDACTED:token]")]
    [InlineData("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl end", "token [REDACTED:jwt] end")]
    [InlineData("Request starting HTTP/1.1 GET http://127.0.0.1:5101/api/orders?email=x%40y.z&ref=1 - - -", "Request starting HTTP/1.1 GET http://127.0.0.1:5101/api/orders - - -")]
    // Any Unicode digit is a digit to the patterns (\d), so to the look that decides which of them to run.
    [InlineData("call \u0660\u0662\u0660 \u0667\u0669\u0664\u0666 \u0660\u0660\u0660\u0660", "call [REDACTED:phone]")]
    // Several kinds in one text, each replacement leaving the others to be found.
    [InlineData("ada@example.com, +44 20 7946 0000, 4111 1111 1111 1111, GET /api/orders?email=b@c.de", "[REDACTED:email], [REDACTED:phone], [REDACTED:card], GET /api/orders")]
    public void Personal_data_and_secrets_are_removed_from_free_text(string text, string expected) =>
        Assert.Equal(expected, TelemetryScrubber.Scrub(text));

    [Theory]
    [InlineData("01a1fe41-2190-7778-4706-891234567890")]
    [InlineData("2026-11-21T13:33:50Z took 1234 ms")]
    [InlineData("card 4111 1111 1111 1112 fails the Luhn check")]
    [InlineData("SELECT status FROM orders WHERE id = @orderId")]
    [InlineData("http://127.0.0.1:5101/api/orders/01a1fe41-2190-7778-4706-891234567890")]
    public void Ids_dates_numbers_and_sql_are_left_alone(string text) =>
        Assert.Equal(text, TelemetryScrubber.Scrub(text));

    [Theory]
    [InlineData("http.route", true)]
    [InlineData("url.path", true)]
    [InlineData("server.address", true)]
    [InlineData("db.query.text", true)]
    [InlineData("messaging.message.id", true)]
    [InlineData("order.customer.id", true)]
    [InlineData("url.query", false)]
    [InlineData("http.request.header.authorization", false)]
    [InlineData("http.request.header.cookie", false)]
    [InlineData("enduser.id", false)]
    [InlineData("customer.email", false)]
    [InlineData("order.customer.phone", false)]
    [InlineData("QueryString", false)]
    [InlineData("something.new", false)]
    public void Only_the_keys_the_system_emits_on_purpose_are_kept(string key, bool kept)
    {
        Assert.Equal(kept, TelemetryScrubber.IsAllowedKey(key));

        // Asked again, the remembered decision is the same.
        Assert.Equal(kept, TelemetryScrubber.IsAllowedKey(key));
    }

    [Fact]
    public void Urls_lose_their_query_string_and_values_are_scrubbed()
    {
        Assert.Equal("https://shop.example/api/orders", TelemetryScrubber.ScrubAttribute("url.full", "https://shop.example/api/orders?email=a@b.cd#top"));
        Assert.Equal("/api/orders", TelemetryScrubber.ScrubAttribute("url.path", "/api/orders?x=1"));
        Assert.Null(TelemetryScrubber.ScrubAttribute("url.query", "x=1"));
        Assert.Equal("Deliberate failure for [REDACTED:email]", TelemetryScrubber.ScrubAttribute("exception.message", "Deliberate failure for ada@example.com"));
        Assert.Equal(42L, TelemetryScrubber.ScrubAttribute("order.model.polygons", 42L));
    }
}
