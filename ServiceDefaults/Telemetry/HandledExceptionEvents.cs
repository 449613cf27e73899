using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Records a request's exception on the server span as one "exception" event with error.type
/// (https://opentelemetry.io/docs/specs/semconv/exceptions/exceptions-spans/), whichever middleware handled it.
/// OpenTelemetry.Instrumentation.AspNetCore listens only to the unhandled-exception events, and the exception
/// handler every service uses (problem details) raises "HandledException" instead: outside Development, where no
/// developer exception page runs, a failed request's span would carry no exception at all. ASP.NET Core reports
/// all three events through its "Microsoft.AspNetCore" DiagnosticListener, so listening there catches every case;
/// the instrumentation's own RecordException stays off so each exception is recorded once, here.
/// </summary>
internal sealed class HandledExceptionEvents : IHostedService, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private static readonly HashSet<string> ExceptionEvents =
    [
        "Microsoft.AspNetCore.Diagnostics.HandledException",
        "Microsoft.AspNetCore.Diagnostics.UnhandledException",
        "Microsoft.AspNetCore.Hosting.UnhandledException",
    ];

    private static readonly ConcurrentDictionary<Type, (PropertyInfo? Context, PropertyInfo? Exception)> PayloadProperties = new();

    private const string ExceptionEventName = "exception";

    private readonly List<IDisposable> _subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_subscriptions)
        {
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(subscription => subscription.Dispose());
            _subscriptions.Clear();
        }

        return Task.CompletedTask;
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Microsoft.AspNetCore")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this, (name, _, _) => ExceptionEvents.Contains(name)));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> diagnostic)
    {
        if (diagnostic.Value is not { } payload || !ExceptionEvents.Contains(diagnostic.Key))
        {
            return;
        }

        var (contextProperty, exceptionProperty) = PayloadProperties.GetOrAdd(payload.GetType(), type =>
            (type.GetProperty("httpContext"), type.GetProperty("exception")));
        if (contextProperty?.GetValue(payload) is not HttpContext context || exceptionProperty?.GetValue(payload) is not Exception exception)
        {
            return;
        }

        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is null || !activity.IsAllDataRequested || activity.Events.Any(e => e.Name == ExceptionEventName))
        {
            // Recorded once: the hosting layer reports again what a middleware already reported.
            return;
        }

        activity.AddException(exception);
        activity.SetTag("error.type", exception.GetType().FullName);
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }

    void IObserver<DiagnosticListener>.OnError(Exception error) { }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }
}
