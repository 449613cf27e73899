using Alexandrite.Contracts;
using Alexandrite.Shop.Web.Security;
using Alexandrite.Shop.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace Alexandrite.Shop.Web.Endpoints;

/// <summary>
/// The customer's buttons on the order page. Each posts a form (with its antiforgery token), calls the API,
/// and sends the browser back to the order page, with a problem code when the API refused. And the model file
/// the page's 3D preview shows.
/// </summary>
internal static class OrderEndpoints
{
    /// <summary>
    /// The multipart limit of ASP.NET Core's form reader (FormOptions.MultipartBodyLengthLimit); Shop.Api
    /// enforces the real limit (Upload:MaxBytes) and Shop.Web passes its refusal on.
    /// </summary>
    private const long MaxUploadBytes = 128L * 1024 * 1024;

    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/orders/{id:guid}")
            .RequireAuthorization(Roles.Customer)
            .AddEndpointFilter<AntiforgeryFilter>();
        orders.MapPost("/model", UploadModelAsync).WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes));
        orders.MapPost("/submit", async (Guid id, ShopApiClient shop, CancellationToken ct) => Problems.BackTo($"/orders/{id}", await shop.SubmitAsync(id, ct)));
        orders.MapPost("/cancel", async (Guid id, ShopApiClient shop, CancellationToken ct) => Problems.BackTo($"/orders/{id}", await shop.CancelAsync(id, ct)));
        orders.MapPost("/confirm-receipt", async (Guid id, CrmApiClient crm, CancellationToken ct) => Problems.BackTo($"/orders/{id}", await crm.ConfirmReceiptAsync(id, ct)));

        // Reading changes nothing, so no antiforgery token; Shop.Api decides whose model it is.
        app.MapGet("/orders/{id:guid}/model", DownloadModelAsync).RequireAuthorization(Roles.Customer);
        return app;
    }

    /// <summary>
    /// Passes the file on to Shop.Api. The page's script asks for JSON (it shows progress, then the polygon
    /// count or the problem in plain words); a plain form post gets the order page back.
    /// </summary>
    private static async Task<IResult> UploadModelAsync(Guid id, HttpRequest request, ShopApiClient shop, CancellationToken cancellationToken)
    {
        ApiOutcome outcome;
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.GetFile("file") is not { Length: > 0 } file)
            {
                return Answer(request, id, new ApiOutcome(StatusCodes.Status400BadRequest, ""));
            }

            await using var content = file.OpenReadStream();
            outcome = await shop.UploadModelAsync(id, content, Path.GetFileName(file.FileName), cancellationToken);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            outcome = new ApiOutcome(StatusCodes.Status413PayloadTooLarge, "");
        }
        catch (InvalidDataException)
        {
            // The multipart body itself is malformed or over the form limits.
            outcome = new ApiOutcome(StatusCodes.Status400BadRequest, "");
        }

        return Answer(request, id, outcome);
    }

    /// <summary>
    /// Streams the order's model from Shop.Api to the browser as it arrives; Shop.Api's refusal (404: not the
    /// customer's order, or no model) is passed on as problem details.
    /// </summary>
    private static async Task<IResult> DownloadModelAsync(Guid id, HttpResponse response, ShopApiClient shop, CancellationToken cancellationToken)
    {
        HttpResponseMessage model;
        try
        {
            model = await shop.OpenModelAsync(id, cancellationToken);
        }
        catch (Exception exception) when (exception.IsApiUnavailable())
        {
            return ModelProblem(StatusCodes.Status503ServiceUnavailable, "unavailable");
        }

        response.RegisterForDispose(model);
        if (!model.IsSuccessStatusCode)
        {
            return ModelProblem((int)model.StatusCode, model.StatusCode == System.Net.HttpStatusCode.NotFound
                ? "no-model"
                : Problems.CodeFor(new ApiOutcome((int)model.StatusCode, ""))!);
        }

        response.ContentLength = model.Content.Headers.ContentLength;
        response.Headers.CacheControl = "private, no-cache";
        return Results.Stream(await model.Content.ReadAsStreamAsync(cancellationToken), model.Content.Headers.ContentType?.ToString() ?? "application/octet-stream");
    }

    private static IResult ModelProblem(int status, string code) =>
        Results.Problem(Problems.Message(code), statusCode: status, title: "The model cannot be shown", extensions: new Dictionary<string, object?> { ["problem"] = code });

    private static IResult Answer(HttpRequest request, Guid id, ApiOutcome outcome)
    {
        if (!request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
        {
            return Problems.BackTo($"/orders/{id}", outcome);
        }

        return Problems.CodeFor(outcome) is { } code
            ? Results.Json(new { problem = code, message = Problems.Message(code) }, statusCode: outcome.Status)
            : Results.Content(outcome.Body, "application/json");
    }
}
