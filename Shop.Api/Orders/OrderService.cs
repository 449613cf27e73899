using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using Alexandrite.MeshAnalysis;
using Alexandrite.Messaging.Outbox;
using Alexandrite.ServiceDefaults.Clients;
using Alexandrite.ServiceDefaults.Telemetry;
using Alexandrite.ShopDatabase;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Alexandrite.Shop.Api.Orders;

/// <summary>
/// What a customer does with an order in the shop: create it, upload its model, submit it, cancel it. Each
/// change is one database transaction; the status goes through <see cref="OrderStatusStore"/> and the
/// announcement through the outbox, in that same transaction.
/// </summary>
internal sealed partial class OrderService(
    NpgsqlDataSource dataSource,
    OrderStatusStore statuses,
    IOutbox outbox,
    ObjectStorage storage,
    IOptions<UploadOptions> uploadOptions,
    CustomerPseudonyms pseudonyms,
    TimeProvider time,
    ILogger<OrderService> logger)
{
    /// <summary>
    /// Creates the order. Its trace starts here: the CreateOrder span's context is stored with the order, and every
    /// later operation on it joins that trace. <paramref name="id"/> lets a client (Shop.Web) name the order before
    /// it exists, so its own spans can carry order.id. The order belongs to <paramref name="account"/> from now on.
    /// </summary>
    /// <exception cref="OrderAlreadyExistsException">An order already has <paramref name="id"/>.</exception>
    public async Task<Guid> CreateAsync(Guid? id, string account, Customer customer, string material, CancellationToken cancellationToken)
    {
        var orderId = id ?? Guid.CreateVersion7(time.GetUtcNow());
        using var activity = OrderTelemetry.StartOperation(SpanNames.CreateOrder, orderId);
        activity?.SetTag(SemanticAttributes.OrderMaterial, material);
        activity?.SetTag(SemanticAttributes.OrderCustomerId, pseudonyms.For(customer.Email));
        try
        {
            await dataSource.InTransactionAsync(async transaction =>
            {
                await OrderRepository.InsertAsync(transaction, orderId, account, customer, material, TraceCarrier.CaptureCurrentAsJson(), time.GetUtcNow(), cancellationToken);
                await statuses.RecordCreatedAsync(transaction, orderId, ByCustomer(account), cancellationToken);
            }, cancellationToken);
        }
        catch (OrderAlreadyExistsException exception)
        {
            activity.RecordFailure(exception);
            throw;
        }

        activity.SetOutcome("ok");
        LogCreated(logger, orderId);
        return orderId;
    }

    /// <summary>
    /// Reads the model (refusing anything that is not a valid one), stores it under a new file id, and moves
    /// the order to FILE_UPLOADED. A second upload before submitting replaces the first.
    /// </summary>
    /// <exception cref="InvalidModelException">The file is not a model the shop accepts; nothing was stored.</exception>
    public async Task<ModelFile> UploadModelAsync(Guid orderId, string account, string fileName, Stream content, CancellationToken cancellationToken)
    {
        using var activity = OrderTelemetry.StartOperation(SpanNames.UploadModel, orderId, await OrderStatusStore.OrderTraceAsync(dataSource, orderId, cancellationToken));

        // Checked before anything is stored, and again under the row lock below.
        await EnsureAcceptsModelAsync(orderId, cancellationToken);

        ModelAnalysis analysis;
        try
        {
            analysis = await ModelAnalyzer.AnalyzeAsync(content, fileName, uploadOptions.Value.ToLimits(), cancellationToken);
        }
        catch (InvalidModelException exception)
        {
            activity.RecordFailure(exception);
            throw;
        }

        var model = new ModelFile(Guid.CreateVersion7(time.GetUtcNow()).ToString("N"), Path.GetFileName(fileName), analysis.Format.ToString(),
            analysis.Bytes, analysis.Polygons, analysis.Volume);
        var key = ModelFiles.KeyFor(orderId, model.FileId);
        activity?.SetTag(SemanticAttributes.OrderFileId, model.FileId);
        activity?.SetTag(SemanticAttributes.OrderPolygons, model.Polygons);

        content.Position = 0;
        await storage.PutAsync(ResourceNames.ModelsBucket, key, content, "application/octet-stream", cancellationToken);
        string? replaced = null;
        try
        {
            await dataSource.InTransactionAsync(async transaction =>
            {
                var status = await OrderStatusStore.LockStatusAsync(transaction, orderId, cancellationToken);
                replaced = await OrderRepository.AttachModelAsync(transaction, orderId, model, cancellationToken);
                if (status != OrderStatus.FileUploaded)
                {
                    await statuses.TransitionAsync(transaction, orderId, OrderStatus.FileUploaded, ByCustomer(account), reason: null, cancellationToken);
                }
                else
                {
                    // A replaced model changes what the order page shows without a new status.
                    await statuses.AnnounceChangeAsync(transaction, orderId, status, cancellationToken);
                }
            }, cancellationToken);
        }
        catch
        {
            // The order did not take the file: do not leave it in the bucket.
            await storage.DeleteAsync(ResourceNames.ModelsBucket, key, CancellationToken.None);
            throw;
        }

        activity.SetOutcome("ok");
        LogModelUploaded(logger, orderId, model.FileId, model.Polygons);
        if (replaced is not null && replaced != model.FileId)
        {
            await DeleteReplacedModelAsync(orderId, replaced);
        }

        return model;
    }

    /// <summary>
    /// The model a new upload replaced goes from the bucket once the new one is committed (never before: until then
    /// the order still points at it). Storage failing now leaves an orphan object, not a broken order: logged, not thrown.
    /// </summary>
    private async Task DeleteReplacedModelAsync(Guid orderId, string fileId)
    {
        try
        {
            await storage.DeleteAsync(ResourceNames.ModelsBucket, ModelFiles.KeyFor(orderId, fileId), CancellationToken.None);
        }
        catch (Exception exception) when (exception is Amazon.Runtime.AmazonServiceException or HttpRequestException or IOException)
        {
            LogReplacedModelKept(logger, orderId, fileId, exception);
        }
    }

    /// <summary>Hands the order to MES for pricing: SUBMITTED, and an OrderSubmitted message in the outbox.</summary>
    public async Task SubmitAsync(Guid orderId, string account, CancellationToken cancellationToken)
    {
        using var activity = OrderTelemetry.StartOperation(SpanNames.SubmitOrder, orderId, await OrderStatusStore.OrderTraceAsync(dataSource, orderId, cancellationToken));
        await dataSource.InTransactionAsync(async transaction =>
        {
            await statuses.TransitionAsync(transaction, orderId, OrderStatus.Submitted, ByCustomer(account), reason: null, cancellationToken);
            var (material, uploaded) = await OrderRepository.ReadModelAsync(transaction, orderId, cancellationToken);
            var model = uploaded!; // SUBMITTED follows only FILE_UPLOADED, so the order has its model.
            activity?.SetTag(SemanticAttributes.OrderFileId, model.FileId);
            activity?.SetTag(SemanticAttributes.OrderPolygons, model.Polygons);
            await outbox.EnqueueAsync(transaction, new OrderSubmitted(orderId, model.FileId, material, model.Polygons, model.Volume), cancellationToken);
        }, cancellationToken);
        activity.SetOutcome("ok");
        LogSubmitted(logger, orderId);
    }

    public async Task CancelAsync(Guid orderId, string account, string? reason, CancellationToken cancellationToken)
    {
        using var activity = OrderTelemetry.StartOperation(SpanNames.CancelOrder, orderId, await OrderStatusStore.OrderTraceAsync(dataSource, orderId, cancellationToken));
        await dataSource.InTransactionAsync(transaction => statuses.TransitionAsync(transaction, orderId, OrderStatus.Cancelled, ByCustomer(account), reason, cancellationToken), cancellationToken);
        activity.SetOutcome("ok");
    }

    /// <summary>The customer's account is recorded as the actor of their own steps.</summary>
    private static StatusActor ByCustomer(string account) => new(ResourceNames.ShopApi, account);

    private async Task EnsureAcceptsModelAsync(Guid orderId, CancellationToken cancellationToken) =>
        await dataSource.InTransactionAsync(async transaction =>
        {
            var status = await OrderStatusStore.LockStatusAsync(transaction, orderId, cancellationToken);
            if (status is not (OrderStatus.Initiated or OrderStatus.FileUploaded))
            {
                throw new IllegalTransitionException(orderId, status, OrderStatus.FileUploaded);
            }
        }, cancellationToken);


    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} created")]
    private static partial void LogCreated(ILogger logger, Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} has model {FileId} with {Polygons} polygons")]
    private static partial void LogModelUploaded(ILogger logger, Guid orderId, string fileId, long polygons);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: the replaced model {FileId} could not be deleted from storage")]
    private static partial void LogReplacedModelKept(ILogger logger, Guid orderId, string fileId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} submitted for pricing")]
    private static partial void LogSubmitted(ILogger logger, Guid orderId);
}
