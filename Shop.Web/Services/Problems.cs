namespace Alexandrite.Shop.Web.Services;

/// <summary>
/// What went wrong, in plain words, by a short code a page can carry in its address (?problem=code) without
/// letting a link put arbitrary text on the page.
/// </summary>
internal static class Problems
{
    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["unavailable"] = "We cannot reach that part of the shop right now. Nothing was lost: your order is as it was, please try again in a minute.",
        ["changed"] = "The order has moved on since this page was shown, so that step no longer applies. Here is where it is now.",
        ["not-found"] = "There is no such order.",
        ["no-model"] = "There is no model to show for this order.",
        ["not-allowed"] = "Your account is not allowed to do that.",
        ["reason-required"] = "Please say why the order is rejected: the customer is told.",
        ["empty"] = "The file is empty. Please choose your 3D model file.",
        ["too-large"] = "The file is too large. Please send a smaller model (fewer polygons) or contact us.",
        ["wrong-type"] = "That is not a 3D model we can read. Please send an STL or OBJ file.",
        ["unreadable"] = "We could not read that model: it looks damaged or incomplete. Please export it again as STL or OBJ.",
        ["failed"] = "Something went wrong on our side. Nothing was lost; please try again.",
    };

    public static string? Message(string? code) => code is null ? null : Messages.GetValueOrDefault(code, Messages["failed"]);

    /// <summary>The code for an API's answer to a command; null when it succeeded.</summary>
    public static string? CodeFor(ApiOutcome outcome) => outcome.Status switch
    {
        >= 200 and < 300 => null,
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => "not-allowed",
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status409Conflict => "changed",
        StatusCodes.Status413PayloadTooLarge => "too-large",
        StatusCodes.Status415UnsupportedMediaType => "wrong-type",
        StatusCodes.Status422UnprocessableEntity => "unreadable",
        StatusCodes.Status400BadRequest => "empty",
        StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout => "unavailable",
        _ => "failed",
    };

    /// <summary>Back to <paramref name="page"/> after a command (POST, redirect, GET), with the problem's code if it failed.</summary>
    public static IResult BackTo(string page, ApiOutcome outcome) =>
        Results.LocalRedirect(CodeFor(outcome) is { } code ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(page, "problem", code) : page);
}
