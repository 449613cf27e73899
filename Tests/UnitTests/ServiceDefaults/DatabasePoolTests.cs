using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Alexandrite.UnitTests.ServiceDefaults;

/// <summary>Database:MaxPoolSize, the service's share of the server's connections the AppHost hands out, sizes every data source.</summary>
public sealed class DatabasePoolTests
{
    private const string ConnectionString = "Host=127.0.0.1;Username=postgres;Maximum Pool Size=100";

    [Fact]
    public void The_configured_pool_size_wins_over_the_connection_string_s()
    {
        var dataSource = new NpgsqlDataSourceBuilder(ConnectionString).UseServiceDefaults(Configuration("7"));

        Assert.Equal(7, dataSource.ConnectionStringBuilder.MaxPoolSize);
        Assert.Equal(NpgsqlDataSourceDefaults.ConnectTimeoutSeconds, dataSource.ConnectionStringBuilder.Timeout);
    }

    [Fact]
    public void Without_a_setting_the_connection_string_s_pool_size_stays()
    {
        var dataSource = new NpgsqlDataSourceBuilder(ConnectionString).UseServiceDefaults(Configuration(null));

        Assert.Equal(100, dataSource.ConnectionStringBuilder.MaxPoolSize);
    }

    [Fact]
    public void Statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        Assert.Equal(NpgsqlDataSourceDefaults.MaxAutoPrepare, new NpgsqlDataSourceBuilder(ConnectionString).UseServiceDefaults(Configuration(null)).ConnectionStringBuilder.MaxAutoPrepare);
        Assert.Equal(5, new NpgsqlDataSourceBuilder(ConnectionString + ";Max Auto Prepare=5").UseServiceDefaults(Configuration(null)).ConnectionStringBuilder.MaxAutoPrepare);
    }

    [Fact]
    public void Connections_go_back_to_the_pool_without_the_reset_statements()
    {
        Assert.False(new NpgsqlConnectionStringBuilder(ConnectionString).NoResetOnClose);
        Assert.True(new NpgsqlDataSourceBuilder(ConnectionString).UseServiceDefaults(Configuration(null)).ConnectionStringBuilder.NoResetOnClose);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void A_pool_of_no_connection_is_refused(string size)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => new NpgsqlDataSourceBuilder(ConnectionString).UseServiceDefaults(Configuration(size)));

        Assert.Contains("Database:MaxPoolSize", failure.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? maxPoolSize) => new ConfigurationBuilder()
        .AddInMemoryCollection(maxPoolSize is null ? [] : [new("Database:MaxPoolSize", maxPoolSize)])
        .Build();
}
