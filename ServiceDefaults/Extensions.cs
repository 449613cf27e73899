using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults;
using Alexandrite.ServiceDefaults.Health;
using Alexandrite.ServiceDefaults.Hosting;
using Alexandrite.ServiceDefaults.Http;
using Alexandrite.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The service defaults every Alexandrite service calls first, in the shape of the .NET Aspire
/// service-defaults template: telemetry, health checks, service discovery, resilient HttpClients and problem
/// details. This file is the public surface; the private helpers below compose the pieces that live in Telemetry/,
/// Http/ and Health/.
/// </summary>
public static class Extensions
{
    /// <summary>The path of the readiness endpoint: every dependency of the service answers.</summary>
    public const string HealthEndpointPath = "/health";

    /// <summary>The path of the liveness endpoint: the process itself answers.</summary>
    public const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Logging.AddConsoleLevelFromConfiguration(builder.Configuration);

        // Service-to-service calls as the Aspire template makes them: addresses such as "https+http://shop-api" are
        // resolved from the services:* settings the AppHost's WithReference injects, and every HttpClient gets the
        // standard resilience handler (attempt and total timeouts, retries with back-off, a circuit breaker), whose
        // retries show in the trace as further client spans under the same parent. A POST is never retried:
        // a command that reached the API but whose answer was lost must not run twice.
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler(resilience => resilience.Retry.DisableForUnsafeHttpMethods());
            http.AddServiceDiscovery();
        });

        // Every error answer is RFC 9457 problem details, never an HTML page or an empty body: unhandled exceptions
        // (400 for a body that cannot be read, 503 with Retry-After when a dependency is unreachable, else 500) and
        // bare status codes (404, 405, 415...), the same in Development. The exception's details stay in the logs and
        // the trace.
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<DependencyUnavailableHandler>();
        builder.Services.AddSingleton<IDeveloperPageExceptionFilter, ProblemDeveloperPageFilter>();
        builder.Services.AddSingleton<IStartupFilter, ServiceDefaultsStartupFilter>();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var telemetry = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddOptions<TelemetryOptions>()
            .Bind(builder.Configuration.GetSection(TelemetryOptions.SectionName))
            .PostConfigure(options => options.PseudonymKey ??= builder.Environment.IsDevelopment() ? TelemetryOptions.DevelopmentPseudonymKey : null)
            .Validate(
                options => !string.IsNullOrWhiteSpace(options.PseudonymKey),
                "Telemetry:PseudonymKey must be set outside Development (a secret; the AppHost passes its pseudonym-key parameter as Telemetry__PseudonymKey).")
            .ValidateOnStart();
        builder.Services.AddSingleton<CustomerPseudonyms>();

        // OTEL_SDK_DISABLED=true (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/#general-sdk-configuration)
        // turns telemetry off: the SDK (1.15 and later) then builds no-op tracer, meter and logger providers, so none of
        // what is configured below runs (no ActivityListener, no log processor, no exporter, no Prometheus listener).
        // The one listener of the project's own, for exception events on server spans, is left out with it: there is
        // no span to put them on, and "off" is what telemetry's cost is measured against.
        if (!IsSdkDisabled(builder.Configuration))
        {
            builder.Services.ConfigureServerSpans();
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddAlexandriteResource(builder.Environment, builder.Configuration))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource(TelemetrySources.ActivitySourceNames)
                .SetSampler(new OrderSampler(
                    telemetry.Sampling.ResolveRatio(builder.Environment.IsDevelopment()), telemetry.Sampling.ForcedOperations, telemetry.Sampling.KeepErrorTraces))
                // As each span ends: order.id onto it, then the export pipeline, where the error keeper decides
                // what is exported and the scrubber cleans each exported span before any exporter sees it.
                .AddProcessor(new OrderIdSpanProcessor())
                .AddProcessor(_ => TraceExportPipeline.Create(builder.Configuration, telemetry, TimeProvider.System)))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetrySources.MeterNames)
                .DropPerOperationInstruments())
            .WithLogging(
                // Records of unsampled traces below Warning are dropped before the scrubber and the exporter see them.
                configureBuilder: logging => logging.AddProcessor(_ => LogExportPipeline.Create(builder.Configuration, telemetry)),
                configureOptions: options =>
                {
                    options.IncludeFormattedMessage = true;

                    // Scopes cannot be scrubbed through the SDK's API, so they are not exported (see SanitizingLogProcessor).
                    options.IncludeScopes = false;
                });

        builder.AddOpenTelemetryExporters();
        return builder;
    }

    private static void AddOpenTelemetryExporters<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        // Metrics go to whatever the standard OTEL_EXPORTER_OTLP_* variables name: the Aspire dashboard under the
        // AppHost, any collector otherwise (https://opentelemetry.io/docs/specs/otel/protocol/exporter/). Traces and
        // logs have their own pipelines (TraceExportPipeline, LogExportPipeline), which decide what is exported.
        if (OtlpDestination.IsConfigured(builder.Configuration))
        {
            builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddOtlpExporter());
        }

        // The same metrics for Prometheus to scrape, which is where the alert rules are evaluated (deploy/prometheus).
        // Not with the SDK disabled: its meter provider has no exporter to serve, and the port stays closed.
        var prometheus = builder.Configuration.GetSection($"{TelemetryOptions.SectionName}:Prometheus").Get<PrometheusScrapeOptions>();
        if (prometheus?.Port is { } port && !IsSdkDisabled(builder.Configuration))
        {
            builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddPrometheusExporter());
            builder.Services.AddSingleton<IStartupFilter>(new PrometheusScrapePort(port));
        }
    }

    /// <summary>The SDK's own reading of OTEL_SDK_DISABLED: "true" in any case disables, anything else does not.</summary>
    private static bool IsSdkDisabled(IConfiguration configuration) =>
        bool.TryParse(configuration["OTEL_SDK_DISABLED"], out var disabled) && disabled;

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Liveness says only that the process answers; readiness (/health) runs every registered check,
        // including the database, broker and storage checks the client registrations add.
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthCheckTags.Live]);
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(HealthCheckTags.Live),
        });

        // A deliberate failure, so a developer can see in the dashboard or Jaeger what an error trace
        // looks like (Error status, exception event) without breaking anything real.
        app.MapDiagnostics()?.MapGet(DiagnosticsEndpoints.FailureName, DiagnosticsEndpoints.Fail);
        return app;
    }

    /// <summary>
    /// The /diagnostics group, for the Development-only endpoints the AppHost's dashboard commands call (a failure,
    /// a demo order, pausing a consumer): null outside Development, and never in the OpenAPI document. Staff only,
    /// with an access token (the commands carry one): in Development anyone on the network could otherwise pause
    /// pricing or create orders.
    /// </summary>
    public static RouteGroupBuilder? MapDiagnostics(this WebApplication app) =>
        app.Environment.IsDevelopment()
            ? app.MapGroup(DiagnosticsEndpoints.Prefix).ExcludeFromDescription().RequireAuthorization(Roles.Diagnostics)
            : null;
}
