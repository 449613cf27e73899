using Alexandrite.Contracts;
using Alexandrite.ShopDatabase;
using Alexandrite.ServiceDefaults.Clients;
using Dapper;
using Npgsql;

namespace Alexandrite.Shop.Api.Orders;

/// <summary>Reads and writes Shop.Api's columns of the orders table; statuses go through <see cref="OrderStatusStore"/>.</summary>
internal sealed class OrderRepository(NpgsqlDataSource dataSource)
{
    /// <summary>Inserts a new order with the trace it belongs to from now on.</summary>
    /// <exception cref="OrderAlreadyExistsException">An order already has this id.</exception>
    public static async Task InsertAsync(
        NpgsqlTransaction transaction, Guid id, string account, Customer customer, string material, string traceContext, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await transaction.Connection!.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO orders (id, status, material, customer_account, customer_name, customer_email, customer_phone, customer_address, trace_context, created_at, updated_at)
                VALUES (@id, @Status, @material, @account, @Name, @Email, @Phone, @Address, @traceContext::jsonb, @now, @now)
                """,
                new { id, Status = OrderStatus.Initiated.ToName(), material, account, customer.Name, customer.Email, customer.Phone, customer.Address, traceContext, now },
                transaction,
                cancellationToken: cancellationToken));
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new OrderAlreadyExistsException(id);
        }
    }

    /// <summary>Gives the order <paramref name="model"/>; returns the file id of the model it replaces, if any.</summary>
    public static async Task<string?> AttachModelAsync(NpgsqlTransaction transaction, Guid id, ModelFile model, CancellationToken cancellationToken) =>
        await transaction.Connection!.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            """
            UPDATE orders SET file_id = @FileId, file_name = @FileName, file_format = @Format, file_bytes = @Bytes,
                              polygons = @Polygons, volume = @Volume
            FROM (SELECT file_id AS previous_file_id FROM orders WHERE id = @id) AS previous
            WHERE id = @id
            RETURNING previous.previous_file_id
            """,
            new { id, model.FileId, model.FileName, model.Format, model.Bytes, model.Polygons, model.Volume },
            transaction,
            cancellationToken: cancellationToken));

    public async Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
            """
            SELECT id AS Id, status AS Status, status_reason AS StatusReason, material AS Material,
                   file_id AS FileId, file_name AS FileName, file_format AS FileFormat, file_bytes AS FileBytes,
                   polygons AS Polygons, volume AS Volume, price AS Price, currency AS Currency,
                   created_at AS CreatedAt, updated_at AS UpdatedAt
            FROM orders WHERE id = @id
            """,
            new { id },
            cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var history = await OrderStatusStore.HistoryAsync(connection, id, cancellationToken);
        return row.ToOrder(history);
    }

    public async Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM orders WHERE id = @id)", new { id }, cancellationToken: cancellationToken));
    }

    public const int DefaultPageSize = 20;

    public const int MaxPageSize = 100;

    /// <summary>
    /// A page of the customer's orders, newest first, after the order <paramref name="before"/> (the last of the
    /// previous page) when given, and whether more follow; null when <paramref name="before"/> is none of the
    /// customer's orders. One index range scan on orders_customer_account however many orders there are.
    /// </summary>
    public async Task<(IReadOnlyList<OrderSummary> Orders, bool More)?> ListForCustomerAsync(string account, int limit, Guid? before, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (before is { } id && !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM orders WHERE id = @id AND customer_account = @account)", new { id, account }, cancellationToken: cancellationToken)))
        {
            return null;
        }

        var rows = await connection.QueryAsync<OrderRow>(new CommandDefinition(
            """
            SELECT id AS Id, status AS Status, material AS Material, file_name AS FileName, file_id AS FileId,
                   price AS Price, currency AS Currency, created_at AS CreatedAt, updated_at AS UpdatedAt
            FROM orders
            WHERE customer_account = @account
              AND (@before::uuid IS NULL
                   OR (created_at, id) < (SELECT created_at, id FROM orders WHERE id = @before AND customer_account = @account))
            ORDER BY created_at DESC, id DESC
            LIMIT @Take
            """,
            new { account, before, Take = limit + 1 },
            cancellationToken: cancellationToken));
        return KeysetPage.Of(rows.Select(row => row.ToSummary()).ToList(), limit);
    }

    /// <summary>The model of an order, read inside the transaction that changes the order.</summary>
    public static async Task<(string Material, ModelFile? Model)> ReadModelAsync(NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        var row = await transaction.Connection!.QuerySingleAsync<OrderRow>(new CommandDefinition(
            """
            SELECT id AS Id, status AS Status, material AS Material, file_id AS FileId, file_name AS FileName,
                   file_format AS FileFormat, file_bytes AS FileBytes, polygons AS Polygons, volume AS Volume,
                   created_at AS CreatedAt, updated_at AS UpdatedAt
            FROM orders WHERE id = @id
            """,
            new { id },
            transaction,
            cancellationToken: cancellationToken));
        return (row.Material, row.Model);
    }

    private sealed record OrderRow
    {
        public Guid Id { get; init; }
        public string Status { get; init; } = "";
        public string? StatusReason { get; init; }
        public string Material { get; init; } = "";
        public string? FileId { get; init; }
        public string? FileName { get; init; }
        public string? FileFormat { get; init; }
        public long? FileBytes { get; init; }
        public long? Polygons { get; init; }
        public double? Volume { get; init; }
        public decimal? Price { get; init; }
        public string? Currency { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }

        public ModelFile? Model => FileId is null
            ? null
            : new ModelFile(FileId, FileName ?? "", FileFormat ?? "", FileBytes ?? 0, Polygons ?? 0, Volume ?? 0);

        public OrderSummary ToSummary() => new(
            Id, OrderStatusNames.Parse(Status), Material, FileName, Price, Currency, Utc(CreatedAt), Utc(UpdatedAt));

        public Order ToOrder(IReadOnlyList<StatusChange> history) => new(
            Id, OrderStatusNames.Parse(Status), StatusReason, Material, Model, Price, Currency,
            Utc(CreatedAt), Utc(UpdatedAt), history);

        private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }
}
