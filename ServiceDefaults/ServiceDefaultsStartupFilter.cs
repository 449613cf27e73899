using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Alexandrite.ServiceDefaults;

/// <summary>
/// Puts the exception handler in front of each service's own pipeline, so Program.cs cannot forget it or put it
/// in the wrong place: an unhandled exception becomes a 500 problem details.
/// </summary>
internal sealed class ServiceDefaultsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseExceptionHandler();
        next(app);
    };
}
