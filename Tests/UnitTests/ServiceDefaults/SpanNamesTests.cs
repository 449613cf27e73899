using Alexandrite.ServiceDefaults.Telemetry;

namespace Alexandrite.UnitTests.ServiceDefaults;

public sealed class SpanNamesTests
{
    [Theory]
    [InlineData("SELECT status FROM orders WHERE id = @orderId FOR UPDATE", "SELECT orders")]
    [InlineData("INSERT INTO mes.outbox_messages (id, payload) VALUES (@Id, @Payload::jsonb); NOTIFY mes_outbox;", "INSERT mes.outbox_messages")]
    [InlineData("UPDATE orders SET status = @To WHERE id = @orderId", "UPDATE orders")]
    [InlineData("\n  select 1", "SELECT")]
    [InlineData("CREATE TABLE IF NOT EXISTS orders (id uuid)", "CREATE orders")]
    [InlineData("", "postgresql")]
    [InlineData(null, "postgresql")]
    public void Database_spans_are_named_for_operation_and_table_without_values(string? sql, string expected) =>
        Assert.Equal(expected, SpanNames.DatabaseCommand(sql));

    [Fact]
    public void A_command_text_is_read_once_and_its_name_remembered()
    {
        var sql = "SELECT id FROM orders WHERE customer = @customer AND id > @after";

        var first = SpanNames.DatabaseCommand(sql);

        Assert.Equal("SELECT orders", first);
        Assert.Same(first, SpanNames.DatabaseCommand(new string(sql.AsSpan())));
    }

    [Fact]
    public void Texts_past_the_remembered_ones_are_still_named()
    {
        // Values written into the text make every command new; the names stay right when the memory is full, and the
        // memory remembers again after.
        for (var i = 0; i < 3000; i++)
        {
            Assert.Equal("DELETE outbox_messages", SpanNames.DatabaseCommand($"DELETE FROM outbox_messages WHERE id = {i}"));
        }

        var sql = "UPDATE jobs SET state = @state WHERE id = @id";
        Assert.Same(SpanNames.DatabaseCommand(sql), SpanNames.DatabaseCommand(sql));
    }

    [Fact]
    public void Messaging_and_storage_spans_name_the_operation_and_destination()
    {
        Assert.Equal("publish order.submitted", SpanNames.Publish("order.submitted"));
        Assert.Equal("process order.submitted", SpanNames.Process("order.submitted"));
        Assert.Equal("S3.PutObject models", SpanNames.ObjectStorage("PutObject", "models"));
    }
}
