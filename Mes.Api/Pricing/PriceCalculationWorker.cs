using System.Diagnostics;
using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using Alexandrite.MeshAnalysis;
using Alexandrite.Messaging.Outbox;
using Alexandrite.ServiceDefaults.Clients;
using Alexandrite.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Alexandrite.Mes.Api.Pricing;

/// <summary>
/// Works the price_jobs table: fetches the model from S3, reads it, simulates the calculation (its length
/// grows with the polygon count), saving progress as it goes, and ends the job with PriceCalculated or
/// PriceCalculationFailed in the outbox, in one transaction. Pricing:Concurrency jobs run at once, each claimed
/// by one loop (FOR UPDATE SKIP LOCKED, so never twice, in this instance or another). A job whose process
/// stopped is resumed from its saved progress.
/// </summary>
internal sealed partial class PriceCalculationWorker(
    PriceJobs jobs,
    PriceJobWakeUp wakeUp,
    NpgsqlDataSource dataSource,
    ObjectStorage storage,
    IOutbox outbox,
    IOptions<PricingOptions> options,
    TimeProvider time,
    ILogger<PriceCalculationWorker> logger) : BackgroundService
{
    /// <summary>
    /// How long a job whose model could not be read from storage waits before it is tried again: long enough not to
    /// hammer a storage that refuses at once, short enough that the order moves on within seconds of its return.
    /// </summary>
    private static readonly TimeSpan StorageRetryDelay = TimeSpan.FromSeconds(5);

    private readonly PricingOptions _options = options.Value;

    /// <summary>One per model being read from storage (Pricing:StorageReads), shared by the loops.</summary>
    private readonly SemaphoreSlim _storageReads = new(options.Value.StorageReads, options.Value.StorageReads);

    public override void Dispose()
    {
        _storageReads.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// <see cref="PricingOptions.Concurrency"/> loops, each claiming and running one job at a time, and the search for
    /// jobs nobody announced every Pricing:PollInterval (<see cref="PriceJobWakeUp"/>).
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.Concurrency).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken))
            .Append(SearchPeriodicallyAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        // At start, every loop looks once: jobs left by a stopped process wait for no announcement.
        var woken = PriceJobWakeReason.Search;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await jobs.ClaimNextAsync(_options.LeaseDuration, stoppingToken) is { } job)
                {
                    if (woken == PriceJobWakeReason.Search)
                    {
                        // Found by searching: more unannounced jobs may be waiting, so one more loop looks.
                        wakeUp.Search();
                    }

                    // Then this loop claims again: while jobs wait, a loop that has work keeps working.
                    await RunAsync(job, stoppingToken);
                }
                else
                {
                    woken = await wakeUp.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The job keeps its lease until it expires, then it is taken up again.
                LogWorkerFailed(logger, exception);
                await Task.Delay(_options.PollInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>
    /// One search every poll interval, give or take half: instances that started together do not search together.
    /// </summary>
    private async Task SearchPeriodicallyAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(_options.PollInterval * (0.5 + Random.Shared.NextDouble()), time, stoppingToken);
                wakeUp.Search();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(PriceJob job, CancellationToken stoppingToken)
    {
        // The job's stored context is the order's trace: the calculation joins it, however much later it runs.
        using var activity = OrderTelemetry.StartOperation(SpanNames.CalculatePrice, job.OrderId, TraceCarrier.ExtractFromJson(job.TraceContext).Context);
        activity?.SetTag(SemanticAttributes.OrderFileId, job.FileId);
        activity?.SetTag(SemanticAttributes.OrderMaterial, job.Material);
        activity?.SetTag(SemanticAttributes.OrderAttempt, job.Attempts);

        // In a method of its own: the model's bytes (up to Upload:MaxBytes) are let go before the calculation waits.
        if (await ReadModelAsync(job, activity, stoppingToken) is not { } model)
        {
            return;
        }

        if (model.Failure is { } failure)
        {
            await FailAsync(job, "fail", failure, activity, stoppingToken);
            return;
        }

        var planned = PriceModel.CalculationTime(model.Analysis!.Polygons);
        activity?.SetTag(SemanticAttributes.OrderPolygons, model.Analysis.Polygons);
        activity?.SetTag(SemanticAttributes.OrderCalculationDuration, planned.TotalSeconds);
        await jobs.PlanAsync(job.OrderId, model.Analysis.Polygons, model.Analysis.Volume, planned, stoppingToken);
        var budget = planned <= _options.Timeout ? planned : _options.Timeout;
        if (!await SimulateAsync(job, (long)budget.TotalMilliseconds, stoppingToken))
        {
            // Handed back at shutdown: the next attempt, in this trace too, resumes from the saved progress.
            activity.SetOutcome("retry");
            return;
        }

        if (planned > _options.Timeout)
        {
            await FailAsync(job, "timeout", $"The calculation did not finish within {_options.Timeout}.", activity, stoppingToken);
            OrderMetrics.RecordPriceCalculation(_options.Timeout, model.Analysis.Polygons, "timeout");
            return;
        }

        var price = PriceModel.Price(job.Material, model.Analysis.Volume, model.Analysis.Polygons);
        await dataSource.InTransactionAsync(async transaction =>
        {
            await PriceJobs.CompleteAsync(transaction, job.OrderId, price, PriceModel.Currency, time.GetUtcNow(), stoppingToken);
            await outbox.EnqueueAsync(transaction, new PriceCalculated(job.OrderId, price, PriceModel.Currency, model.Analysis.Polygons, model.Analysis.Volume, planned), stoppingToken);
        }, stoppingToken);
        activity.SetOutcome("ok");
        // The simulated length, as the span's order.calculation.duration: the business's time, whatever Pricing:TimeScale.
        OrderMetrics.RecordPriceCalculation(planned, model.Analysis.Polygons, "ok");
        LogPriced(logger, job.OrderId, price, planned);
    }

    /// <summary>
    /// The model read from storage and analysed, or why it cannot be priced; null when storage did not answer (the job
    /// is handed back to be tried again).
    /// </summary>
    private async Task<(ModelAnalysis? Analysis, string? Failure)?> ReadModelAsync(PriceJob job, Activity? activity, CancellationToken stoppingToken)
    {
        byte[]? bytes = null;
        Exception? unavailable = null;
        await _storageReads.WaitAsync(stoppingToken);
        try
        {
            bytes = await storage.GetAsync(ResourceNames.ModelsBucket, ModelFiles.KeyFor(job.OrderId, job.FileId), stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            unavailable = exception;
        }
        finally
        {
            _storageReads.Release();
        }

        if (unavailable is not null)
        {
            // Storage did not answer (stopped, timing out, refusing): that says nothing about the model, so the job
            // must not fail. Handed back to be tried again shortly, rather than left under its lease (kept for a
            // worker that died), which held the order for up to Pricing:LeaseDuration after the storage was back.
            activity.RecordFailure(unavailable, "retry");
            await jobs.PostponeAsync(
                job.OrderId, StorageRetryDelay,
                $"The model could not be read from storage (S3: {unavailable.GetType().Name}); tried again every {StorageRetryDelay.TotalSeconds:0} s",
                stoppingToken);
            LogStorageUnavailable(logger, job.OrderId, StorageRetryDelay, unavailable);
            return null;
        }

        return await AnalyzeModelAsync(job, bytes, stoppingToken);
    }

    /// <summary>The model read from <paramref name="bytes"/> (null: the object does not exist), or why it cannot be priced.</summary>
    private async Task<(ModelAnalysis? Analysis, string? Failure)> AnalyzeModelAsync(PriceJob job, byte[]? bytes, CancellationToken cancellationToken)
    {
        if (bytes is null)
        {
            return (null, "The model file is missing from storage.");
        }

        try
        {
            using var content = new MemoryStream(bytes, writable: false);
            var analysis = await ModelAnalyzer.AnalyzeAsync(content, job.FileId, ModelLimits.Default, cancellationToken);
            return (analysis, PriceModel.WhyNotPriceable(analysis, job.Material, _options));
        }
        catch (InvalidModelException exception)
        {
            return (null, exception.Message);
        }
    }

    /// <summary>Advances the simulated calculation to <paramref name="totalMs"/>; false when the service is stopping.</summary>
    private async Task<bool> SimulateAsync(PriceJob job, long totalMs, CancellationToken stoppingToken)
    {
        var progress = job.ProgressMs;
        if (progress > 0)
        {
            LogResumed(logger, job.OrderId, progress);
        }

        while (progress < totalMs)
        {
            var (wait, next) = SimulatedTime.NextStep(progress, totalMs, _options.TimeScale, _options.CheckpointInterval);
            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping: save what was done and hand the job back, so the next start resumes it at once.
                await jobs.CheckpointAsync(job.OrderId, progress, TimeSpan.Zero, CancellationToken.None);
                return false;
            }

            progress = next;
            await jobs.CheckpointAsync(job.OrderId, progress, _options.LeaseDuration, stoppingToken);
        }

        return true;
    }

    private async Task FailAsync(PriceJob job, string outcome, string reason, Activity? activity, CancellationToken cancellationToken)
    {
        activity.RecordFailure(new PriceCalculationException(reason), outcome);
        await dataSource.InTransactionAsync(async transaction =>
        {
            await PriceJobs.FailAsync(transaction, job.OrderId, outcome, reason, time.GetUtcNow(), cancellationToken);
            await outbox.EnqueueAsync(transaction, new PriceCalculationFailed(job.OrderId, reason, outcome), cancellationToken);
        }, cancellationToken);
        LogFailed(logger, job.OrderId, outcome, reason);
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} priced at {Price} after a calculation of {Duration}")]
    private static partial void LogPriced(ILogger logger, Guid orderId, decimal price, TimeSpan duration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming the calculation of order {OrderId} at {ProgressMs} ms")]
    private static partial void LogResumed(ILogger logger, Guid orderId, long progressMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} cannot be priced ({Outcome}): {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid orderId, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model of order {OrderId} could not be read from storage; the calculation is tried again in {Delay}")]
    private static partial void LogStorageUnavailable(ILogger logger, Guid orderId, TimeSpan delay, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The price calculation worker failed; the job is taken up again when its lease expires")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}
