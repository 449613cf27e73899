using Alexandrite.ServiceDefaults.Substitutes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Alexandrite.ServiceDefaults;

/// <summary>
/// Puts the service-defaults middleware in front of each service's own pipeline, so Program.cs cannot
/// forget it or put it in the wrong place: first the server-span completion (it must see the final status
/// code), then the exception handler that turns an unhandled exception into a 500 problem details.
/// </summary>
internal sealed class ServiceDefaultsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<ServerSpanMiddleware>();
        app.UseExceptionHandler();
        next(app);
    };
}
