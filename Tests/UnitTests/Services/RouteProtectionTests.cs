using Alexandrite.UnitTests.ServiceDefaults;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Alexandrite.UnitTests.Services;

/// <summary>
/// A new route cannot be open by accident: every endpoint of the four services, Development-only ones included,
/// requires a signed-in user unless <see cref="PublicRoutes"/> names it, and an anonymous request to it is turned
/// away before anything else looks at it (no antiforgery check, body binding or handler first).
/// </summary>
[Collection(ServiceDefaultsHostCollection.Name)]
public sealed class RouteProtectionTests(RunningServices services) : IClassFixture<RunningServices>
{
    [Fact]
    public async Task Every_route_requires_a_signed_in_user_unless_it_is_on_the_public_list()
    {
        var open = new List<string>();
        foreach (var service in services.All)
        {
            foreach (var route in ServiceRoute.Of(service))
            {
                if (!PublicRoutes.Contains(route) && !await RouteProtection.RequiresSignedInUserAsync(service.Services, route.Endpoint))
                {
                    open.Add(route.ToString());
                }
            }
        }

        Assert.True(open.Count == 0,
            $"{open.Count} route(s) let anonymous callers in and are not on {nameof(PublicRoutes)}:{Environment.NewLine}{string.Join(Environment.NewLine, open)}");
    }

    [Fact]
    public void Every_route_on_the_public_list_exists()
    {
        var mapped = services.All.SelectMany(ServiceRoute.Of).Select(route => route.ToString()).ToHashSet(StringComparer.Ordinal);

        // A stale entry would publish whatever is mapped there next.
        var stale = PublicRoutes.All.Where(route => !mapped.Contains(route)).ToList();
        Assert.True(stale.Count == 0, $"On {nameof(PublicRoutes)} but mapped by no service:{Environment.NewLine}{string.Join(Environment.NewLine, stale)}");
    }

    [Fact]
    public async Task Every_protected_route_turns_an_anonymous_request_away()
    {
        var wrong = new List<string>();
        var probed = 0;
        foreach (var service in services.All)
        {
            using var client = service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            foreach (var route in ServiceRoute.Of(service))
            {
                if (!await RouteProtection.RequiresSignedInUserAsync(service.Services, route.Endpoint))
                {
                    continue;
                }

                var expected = await RouteProtection.AnonymousAnswerAsync(service.Services, route.Endpoint);
                var method = route.Method == ServiceRoute.AnyMethod ? HttpMethod.Get : new HttpMethod(route.Method);
                using var request = new HttpRequestMessage(method, RoutePaths.For(route.Endpoint.RoutePattern));
                using var response = await client.SendAsync(request);
                probed++;
                if (!expected.IsGivenBy(response))
                {
                    wrong.Add($"{route} ({request.RequestUri}): {(int)response.StatusCode} {response.StatusCode}"
                        + (response.Headers.Location is { } location ? $" to {location}" : "") + $", expected {expected}");
                }
            }
        }

        Assert.True(probed > 0, "No protected route was found to probe.");
        Assert.True(wrong.Count == 0,
            $"{wrong.Count} protected route(s) answered an anonymous request wrongly:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
    }
}
