using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using Alexandrite.MeshAnalysis;
using Alexandrite.Messaging.Outbox;
using Alexandrite.ServiceDefaults.Clients;
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
    TimeProvider time,
    ILogger<OrderService> logger)
{
    private static readonly StatusActor Customer = new(ResourceNames.ShopApi, "customer");

    public async Task<Guid> CreateAsync(Customer customer, string material, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(time.GetUtcNow());
        await dataSource.InTransactionAsync(async transaction =>
        {
            await OrderRepository.InsertAsync(transaction, id, customer, material, time.GetUtcNow(), cancellationToken);
            await statuses.RecordCreatedAsync(transaction, id, Customer, cancellationToken);
        }, cancellationToken);
        LogCreated(logger, id);
        return id;
    }

    /// <summary>
    /// Reads the model (refusing anything that is not a valid one), stores it under a new file id, and moves
    /// the order to FILE_UPLOADED. A second upload before submitting replaces the first.
    /// </summary>
    /// <exception cref="InvalidModelException">The file is not a model the shop accepts; nothing was stored.</exception>
    public async Task<ModelFile> UploadModelAsync(Guid orderId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        // Checked before anything is stored, and again under the row lock below.
        await EnsureAcceptsModelAsync(orderId, cancellationToken);

        var analysis = await ModelAnalyzer.AnalyzeAsync(content, fileName, uploadOptions.Value.ToLimits(), cancellationToken);
        var model = new ModelFile(Guid.CreateVersion7(time.GetUtcNow()).ToString("N"), Path.GetFileName(fileName), analysis.Format.ToString(),
            analysis.Bytes, analysis.Polygons, analysis.Volume);
        var key = ModelFiles.KeyFor(orderId, model.FileId);

        content.Position = 0;
        await storage.PutAsync(ResourceNames.ModelsBucket, key, content, "application/octet-stream", cancellationToken);
        try
        {
            await dataSource.InTransactionAsync(async transaction =>
            {
                var status = await OrderStatusStore.LockStatusAsync(transaction, orderId, cancellationToken);
                await OrderRepository.AttachModelAsync(transaction, orderId, model, cancellationToken);
                if (status != OrderStatus.FileUploaded)
                {
                    await statuses.TransitionAsync(transaction, orderId, OrderStatus.FileUploaded, Customer, reason: null, cancellationToken);
                }
            }, cancellationToken);
        }
        catch
        {
            // The order did not take the file: do not leave it in the bucket.
            await storage.DeleteAsync(ResourceNames.ModelsBucket, key, CancellationToken.None);
            throw;
        }

        LogModelUploaded(logger, orderId, model.FileId, model.Polygons);
        return model;
    }

    /// <summary>Hands the order to MES for pricing: SUBMITTED, and an OrderSubmitted message in the outbox.</summary>
    public async Task SubmitAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await dataSource.InTransactionAsync(async transaction =>
        {
            await statuses.TransitionAsync(transaction, orderId, OrderStatus.Submitted, Customer, reason: null, cancellationToken);
            var (material, model) = await OrderRepository.ReadModelAsync(transaction, orderId, cancellationToken);
            await outbox.EnqueueAsync(transaction, new OrderSubmitted(orderId, model!.FileId, material, model.Polygons, model.Volume), cancellationToken);
        }, cancellationToken);
        LogSubmitted(logger, orderId);
    }

    public Task CancelAsync(Guid orderId, string? reason, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(transaction => statuses.TransitionAsync(transaction, orderId, OrderStatus.Cancelled, Customer, reason, cancellationToken), cancellationToken);

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} submitted for pricing")]
    private static partial void LogSubmitted(ILogger logger, Guid orderId);
}
