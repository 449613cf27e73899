using System.Security.Claims;
using Alexandrite.Contracts;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Alexandrite.ShopDatabase;

/// <summary>
/// A customer acts on their own orders only: for a caller in the customer role, an order of another account is
/// answered exactly like an order that does not exist (404, via OrderProblemsFilter), so nobody learns which ids
/// are taken. Staff pass; the endpoint's policy has already decided whether their role may call it. The owner never
/// changes after the order is created, so checking before the handler leaves no race.
/// </summary>
internal sealed class OrderOwnerFilter(NpgsqlDataSource dataSource) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var user = context.HttpContext.User;
        if (user.IsInRole(Roles.Customer)
            && context.HttpContext.GetRouteValue("id") is string value && Guid.TryParse(value, out var orderId)
            && !await IsOwnerAsync(orderId, user, context.HttpContext.RequestAborted))
        {
            throw new OrderNotFoundException(orderId);
        }

        return await next(context);
    }

    private async Task<bool> IsOwnerAsync(Guid orderId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var owner = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT customer_account FROM orders WHERE id = @orderId", new { orderId }, cancellationToken: cancellationToken));
        return owner is not null && owner == user.Identity?.Name;
    }
}

public static class OrderOwnerFilterExtensions
{
    /// <summary>
    /// The {id} in the route must be an order of the calling customer (<see cref="OrderOwnerFilter"/>). Goes after
    /// WithOrderProblems, which turns the refusal into the 404 of an unknown order.
    /// </summary>
    public static TBuilder RequireOrderOwner<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, OrderOwnerFilter>();
}
