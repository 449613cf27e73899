using System.Security.Claims;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Alexandrite.ServiceDefaults.Clients;
using Alexandrite.ServiceDefaults.Http;
using Alexandrite.Shop.Api.Orders;
using Alexandrite.ShopDatabase;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Alexandrite.Shop.Api.Apis;

/// <summary>The customer-facing order endpoints of Shop.Api.</summary>
internal static partial class OrdersApi
{
    /// <summary>Room for the multipart framing around the file itself.</summary>
    private const long MultipartOverhead = 64 * 1024;

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        // The caller is whoever the access token names: a customer places orders and acts on their own only (the
        // owner filter answers 404 for anyone else's); staff may read any order, with who did each step and in
        // which trace (docs/adr/0011-who-sees-what.md).
        var orders = app.MapGroup("/api/orders").WithTags("Orders").WithOrderProblems().RequireOrderOwner();
        orders.MapPost("/", CreateOrder).WithSummary("Create an order (INITIATED) for the signed-in customer")
            .RequireAuthorization(Roles.Customer);
        orders.MapGet("/", ListOrders).WithSummary("The signed-in customer's orders, newest first (limit, and before: the last id of the previous page)")
            .RequireAuthorization(Roles.Customer);
        orders.MapGet("/{id:guid}", GetOrder).WithSummary("The order with its status, price when known, model and history")
            .RequireAuthorization();
        orders.MapPut("/{id:guid}/model", UploadModel).DisableAntiforgery().WithSummary("Upload the 3D model (multipart field \"file\": STL or OBJ)")
            .RequireAuthorization(Roles.Customer);
        orders.MapGet("/{id:guid}/model", DownloadModel).WithSummary("The order's 3D model as it was uploaded, for the customer who placed the order")
            .Produces(StatusCodes.Status200OK, contentType: "model/stl", additionalContentTypes: ["model/obj"])
            .RequireAuthorization(Roles.Customer);
        orders.MapPost("/{id:guid}/submit", SubmitOrder).WithSummary("Submit the order for pricing (SUBMITTED)")
            .RequireAuthorization(Roles.Customer);
        orders.MapPost("/{id:guid}/cancel", CancelOrder).WithSummary("Cancel an order that is not submitted yet (CANCELLED)")
            .RequireAuthorization(Roles.Customer);
        return app;
    }

    private static async Task<Results<Created<OrderCreatedResponse>, ValidationProblem, ProblemHttpResult>> CreateOrder(
        CreateOrderRequest request, ClaimsPrincipal user, OrderService orders, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var id = await orders.CreateAsync(request.Id, user.UserName(), request.ToCustomer(), request.NormalizedMaterial, cancellationToken);
            return TypedResults.Created($"/api/orders/{id}", new OrderCreatedResponse(id, "INITIATED"));
        }
        catch (OrderAlreadyExistsException exception)
        {
            return TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status409Conflict, title: "Order exists");
        }
    }

    private static async Task<Results<Ok<OrderListResponse>, ValidationProblem>> ListOrders(
        ClaimsPrincipal user, OrderRepository repository, CancellationToken cancellationToken, int limit = OrderRepository.DefaultPageSize, Guid? before = null)
    {
        if (PageLimit.Problem(limit, OrderRepository.MaxPageSize) is { } problem)
        {
            return problem;
        }

        if (await repository.ListForCustomerAsync(user.UserName(), limit, before, cancellationToken) is not var (page, more))
        {
            return PageLimit.UnknownCursor("before", $"None of your orders has the id {before}: pass the next of the previous page.");
        }

        return TypedResults.Ok(new OrderListResponse(page.Select(order => OrderSummaryResponse.From(order)).ToList(), more ? page[^1].Id : null));
    }

    /// <summary>The customer sees the status and its timeline; staff also see which service, who, and which trace.</summary>
    private static async Task<Ok<OrderResponse>> GetOrder(Guid id, ClaimsPrincipal user, OrderRepository repository, CancellationToken cancellationToken) =>
        await repository.FindAsync(id, cancellationToken) is { } order
            ? TypedResults.Ok(OrderResponse.From(order, forStaff: !user.IsInRole(Roles.Customer)))
            : throw new OrderNotFoundException(id);

    private static async Task<Results<Ok<ModelResponse>, ProblemHttpResult>> UploadModel(
        Guid id, HttpRequest request, ClaimsPrincipal user, OrderService orders, IOptions<UploadOptions> options, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return UploadProblem(StatusCodes.Status415UnsupportedMediaType, "Send the model as multipart/form-data in a field named \"file\".");
        }

        var limit = options.Value.MaxBytes + MultipartOverhead;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, cancellationToken);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return UploadProblem(StatusCodes.Status413PayloadTooLarge, $"The file is larger than {options.Value.MaxBytes} bytes.");
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            // A body cut short (no closing boundary) or framed with another boundary than the header names.
            return UploadProblem(StatusCodes.Status400BadRequest, "The multipart body could not be read: " + exception.Message);
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return UploadProblem(StatusCodes.Status400BadRequest, "The multipart body has no field named \"file\".");
        }

        if (form.Files.Count > 1)
        {
            return UploadProblem(StatusCodes.Status400BadRequest, "Send one model per upload: the body holds several files.");
        }

        await using var content = file.OpenReadStream();
        try
        {
            var model = await orders.UploadModelAsync(id, user.UserName(), ModelFileName.Sanitize(file.FileName), content, cancellationToken);
            return TypedResults.Ok(ModelResponse.From(model));
        }
        catch (InvalidModelException exception)
        {
            return UploadProblem(StatusFor(exception.Reason), exception.Message, exception.Reason);
        }
    }

    /// <summary>
    /// Streams the model from storage to the caller (the order page's 3D preview) without holding it in memory. The
    /// file id is its entity tag: a model never changes under its id, a new upload gets a new one.
    /// </summary>
    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadModel(
        Guid id, HttpResponse response, OrderRepository repository, ObjectStorage storage, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var order = await repository.FindAsync(id, cancellationToken) ?? throw new OrderNotFoundException(id);
        if (order.Model is not { } model)
        {
            return NoModel(id, "has no model yet: upload one first");
        }

        var stored = await storage.OpenReadAsync(ResourceNames.ModelsBucket, ModelFiles.KeyFor(id, model.FileId), cancellationToken);
        if (stored is null)
        {
            LogStoredModelMissing(loggers.CreateLogger(typeof(OrdersApi).FullName!), id, model.FileId);
            return NoModel(id, "has lost its model file: please upload it again");
        }

        response.RegisterForDispose(stored);
        response.ContentLength = stored.Length;
        response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Stream(stored.Content, ModelMediaType.For(model.Format), entityTag: new EntityTagHeaderValue($"\"{model.FileId}\""));
    }

    private static ProblemHttpResult NoModel(Guid id, string what) =>
        TypedResults.Problem($"Order {id} {what}.", statusCode: StatusCodes.Status404NotFound, title: "No model");

    private static async Task<Accepted<OrderStatusResponse>> SubmitOrder(Guid id, ClaimsPrincipal user, OrderService orders, CancellationToken cancellationToken)
    {
        await orders.SubmitAsync(id, user.UserName(), cancellationToken);
        return TypedResults.Accepted($"/api/orders/{id}", new OrderStatusResponse(id, "SUBMITTED"));
    }

    private static async Task<Results<Ok<OrderStatusResponse>, ValidationProblem>> CancelOrder(
        Guid id, CancelOrderRequest? request, ClaimsPrincipal user, OrderService orders, CancellationToken cancellationToken)
    {
        if (request?.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await orders.CancelAsync(id, user.UserName(), request?.Reason, cancellationToken);
        return TypedResults.Ok(new OrderStatusResponse(id, "CANCELLED"));
    }

    private static int StatusFor(ModelRejection reason) => reason switch
    {
        ModelRejection.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ModelRejection.NotA3DModel => StatusCodes.Status415UnsupportedMediaType,
        ModelRejection.Empty => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static ProblemHttpResult UploadProblem(int status, string detail, ModelRejection? reason = null) =>
        TypedResults.Problem(detail, statusCode: status, title: "The model was not accepted",
            extensions: reason is null ? null : new Dictionary<string, object?> { ["reason"] = reason.ToString() });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} names the model {FileId}, which is not in storage")]
    private static partial void LogStoredModelMissing(ILogger logger, Guid orderId, string fileId);
}
