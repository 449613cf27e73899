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
    public void Messaging_and_storage_spans_name_the_operation_and_destination()
    {
        Assert.Equal("publish order.submitted", SpanNames.Publish("order.submitted"));
        Assert.Equal("process order.submitted", SpanNames.Process("order.submitted"));
        Assert.Equal("S3.PutObject models", SpanNames.ObjectStorage("PutObject", "models"));
    }
}
