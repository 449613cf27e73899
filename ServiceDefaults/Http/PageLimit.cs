using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alexandrite.ServiceDefaults.Http;

/// <summary>
/// The one check of a list endpoint's "limit" query parameter (Shop.Api's orders, Mes.Api's operator queue, Crm.Api's
/// alert inbox): from 1 to the list's largest page, or a validation problem that says so.
/// </summary>
public static class PageLimit
{
    /// <summary>Null when <paramref name="limit"/> is a page size the list serves.</summary>
    public static ValidationProblem? Problem(int limit, int maxPageSize) =>
        limit >= 1 && limit <= maxPageSize
            ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"The limit must be between 1 and {maxPageSize}."] });

    /// <summary>The validation problem of a cursor (<paramref name="parameter"/>: after, before) that names nothing in the list.</summary>
    public static ValidationProblem UnknownCursor(string parameter, string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [problem] });
}
