using System.Security.Claims;
using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using Alexandrite.Messaging.Consuming;
using Alexandrite.Messaging.Outbox;
using Alexandrite.Messaging.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alexandrite.Messaging;

/// <summary>Registers a service's messaging: its outbox and relay, and (when it has handlers) its consumer.</summary>
public static partial class MessagingExtensions
{
    /// <summary>
    /// The outbox and inbox tables live in <paramref name="databaseSchema"/> of the service's database, whose
    /// NpgsqlDataSource the service must have registered first; the broker is ConnectionStrings:messaging.
    /// </summary>
    public static MessagingBuilder AddOrderMessaging(this IHostApplicationBuilder builder, string serviceName, string databaseSchema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseSchema);
        if (!databaseSchema.All(c => char.IsAsciiLetterLower(c) || c == '_'))
        {
            throw new ArgumentException("The schema name must be lower-case letters and '_'.", nameof(databaseSchema));
        }

        var endpoint = new MessagingEndpoint(serviceName, databaseSchema);
        builder.AddBrokerConnection(serviceName);
        builder.AddPostgresSchema(ReadSchemaSql().Replace("__SCHEMA__", databaseSchema, StringComparison.Ordinal));
        builder.Services.AddOptions<MessagingOptions>()
            .Bind(builder.Configuration.GetSection(MessagingOptions.SectionName))
            .Validate(options => options.ConsumerConcurrency >= 1, $"{MessagingOptions.SectionName}:ConsumerConcurrency must be 1 or more.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(endpoint);
        builder.Services.AddSingleton<IOutbox, PostgresOutbox>();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddHostedService<MessagingGauges>();
        return new MessagingBuilder(builder, endpoint);
    }

    /// <summary>
    /// Aspire.RabbitMQ.Client's connection (its health check "RabbitMQ.Client", the client's logs forwarded), set for the
    /// way this messaging uses it.
    /// </summary>
    private static void AddBrokerConnection(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.AddRabbitMQClient(
            ResourceNames.Messaging,
            settings =>
            {
                // Alexandrite.Messaging opens the producer span (parented to the trace stored with the outbox row) and the
                // consumer span (its child); RabbitMQ.Client's own spans would add a second publish span per message and
                // start a new trace for each delivery.
                settings.DisableTracing = true;

                // Opened on first use (BrokerConnection), not while the host starts: a service starts without its broker.
                settings.DisableAutoActivation = true;

                // One attempt per call. The relay and the consumer try again every Messaging:OutboxRetryDelay for as long
                // as it takes; the package's retries (five, from 1 s) would hold every caller of the singleton for half a
                // minute, readiness probes included.
                settings.MaxConnectRetryCount = 0;
            },
            factory =>
            {
                // The client's defaults, said here because the relay and the consumer count on them: after a broker
                // restart the connection, its channels and the consumer come back by themselves.
                factory.AutomaticRecoveryEnabled = true;
                factory.TopologyRecoveryEnabled = true;
                factory.NetworkRecoveryInterval = TimeSpan.FromSeconds(2);

                // The connection's name in RabbitMQ's management UI.
                factory.ClientProvidedName = serviceName;
            });
        builder.Services.AddSingleton<BrokerConnection>();
        builder.Services.AddSingleton<QueueStates>();
    }

    /// <summary>How long POST /diagnostics/consumer/pause waits for the consumer to stop before answering 202.</summary>
    private static readonly TimeSpan PauseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Development only: POST /diagnostics/consumer/pause and /resume, for the AppHost's dashboard commands that
    /// show an order getting stuck (and unstuck) while the service itself stays up.
    /// </summary>
    public static WebApplication MapConsumerSwitch(this WebApplication app)
    {
        if (app.MapDiagnostics()?.MapGroup("/consumer") is { } consumer)
        {
            consumer.MapPost("/pause", async (ConsumerSwitch consumerSwitch, MessagingEndpoint endpoint, ClaimsPrincipal user, ILogger<ConsumerSwitch> logger, CancellationToken cancellationToken) =>
            {
                // Orders wait while the consumer is paused: the log says who paused it, for whoever wonders why.
                LogConsumerPaused(logger, endpoint.Queue, user.Identity?.Name);

                // Answers once the consumer has let go of its channel (or says it is still letting go).
                try
                {
                    await consumerSwitch.PauseAsync(cancellationToken).WaitAsync(PauseTimeout, cancellationToken);
                    return Results.Ok(new { queue = endpoint.Queue, paused = true });
                }
                catch (TimeoutException)
                {
                    return Results.Accepted(value: new { queue = endpoint.Queue, paused = true, stopped = false });
                }
            });
            consumer.MapPost("/resume", (ConsumerSwitch consumerSwitch, MessagingEndpoint endpoint, ClaimsPrincipal user, ILogger<ConsumerSwitch> logger) =>
            {
                LogConsumerResumed(logger, endpoint.Queue, user.Identity?.Name);
                consumerSwitch.Resume();
                return TypedResults.Ok(new { queue = endpoint.Queue, paused = false });
            });
        }

        return app;
    }

    private static string ReadSchemaSql()
    {
        using var stream = typeof(MessagingExtensions).Assembly.GetManifestResourceStream("MessagingSchema.sql")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consuming {Queue} paused by {User}: its orders wait until someone resumes it")]
    private static partial void LogConsumerPaused(ILogger logger, string queue, string? user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Queue} resumed by {User}")]
    private static partial void LogConsumerResumed(ILogger logger, string queue, string? user);
}

/// <summary>Adds the handlers of the messages a service consumes.</summary>
public sealed class MessagingBuilder
{
    private readonly IHostApplicationBuilder _builder;
    private readonly MessagingEndpoint _endpoint;
    private readonly MessageHandlerRegistry _handlers = new();

    internal MessagingBuilder(IHostApplicationBuilder builder, MessagingEndpoint endpoint)
    {
        _builder = builder;
        _endpoint = endpoint;
    }

    public MessagingBuilder AddHandler<T, THandler>()
        where T : IOrderMessage<T>
        where THandler : class, IMessageHandler<T>
    {
        if (!MessagingTopology.Queues.TryGetValue(_endpoint.Queue, out var bound) || !bound.Contains(T.MessageType))
        {
            throw new InvalidOperationException($"{T.MessageType} is not bound to {_endpoint.Queue} in MessagingTopology.");
        }

        if (_handlers.MessageTypes.Count == 0)
        {
            _builder.Services.AddSingleton(_handlers);
            _builder.Services.AddSingleton<Inbox.Inbox>();
            _builder.Services.AddSingleton<ConsumerSwitch>();
            _builder.Services.AddSingleton<FailedDeliveries>();
            _builder.Services.AddHostedService<OrderMessageConsumer>();
        }

        _handlers.Add<T, THandler>();
        _builder.Services.AddScoped<THandler>();
        return this;
    }
}
