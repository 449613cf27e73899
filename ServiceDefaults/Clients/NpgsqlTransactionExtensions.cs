namespace Npgsql;

/// <summary>One unit of work: a connection, a transaction, the work, a commit; a throw rolls everything back.</summary>
public static class NpgsqlTransactionExtensions
{
    public static async Task InTransactionAsync(this NpgsqlDataSource dataSource, Func<NpgsqlTransaction, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await work(transaction);
        await transaction.CommitAsync(cancellationToken);
    }
}
