using Alexandrite.Contracts;
using Dapper;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Alexandrite.AspireTests.Scale;

/// <summary>
/// The services' pools hand a connection on as it was left, without Npgsql's reset (No Reset On Close: the reset was
/// most of the statements Postgres ran under load, issue 16). So a connection that listened must stop before it goes
/// back: its next user would hold a subscription nobody reads. Checked on a pool of one connection, as the services
/// build theirs (UseServiceDefaults), against the running Shop DB.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class PooledConnectionTests(AspireFixture fixture)
{
    private const string Channel = "pooled_connection_test";

    [Fact]
    public async Task A_listening_connection_goes_back_to_the_pool_listening_to_nothing()
    {
        await using var dataSource = await PoolOfOneAsync();

        int listenerPid;
        await using (var listening = await ListeningConnection.OpenAsync(dataSource, Channel, onNotification: null, CancellationToken.None))
        {
            listenerPid = await listening.Connection.ExecuteScalarAsync<int>("SELECT pg_backend_pid()");
            Assert.Equal([Channel], await ChannelsAsync(listening.Connection));
        }

        await using var next = await dataSource.OpenConnectionAsync();
        Assert.Equal(listenerPid, await next.ExecuteScalarAsync<int>("SELECT pg_backend_pid()"));
        Assert.Empty(await ChannelsAsync(next));
    }

    [Fact]
    public async Task Without_it_the_next_user_would_inherit_the_subscription()
    {
        // The control: the pool really does not reset, so the test above could fail.
        await using var dataSource = await PoolOfOneAsync();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync($"LISTEN {Channel}");
        }

        await using var next = await dataSource.OpenConnectionAsync();
        Assert.Equal([Channel], await ChannelsAsync(next));
        await next.ExecuteAsync("UNLISTEN *");
    }

    private async Task<NpgsqlDataSource> PoolOfOneAsync()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection([new("Database:MaxPoolSize", "1")]).Build();
        return new NpgsqlDataSourceBuilder(await fixture.ConnectionStringAsync(ResourceNames.ShopDatabase)).UseServiceDefaults(settings).Build();
    }

    private static async Task<IReadOnlyList<string>> ChannelsAsync(NpgsqlConnection connection) =>
        (await connection.QueryAsync<string>("SELECT pg_listening_channels()")).ToList();
}
