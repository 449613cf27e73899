using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Alexandrite.ServiceDefaults;

/// <summary>
/// Puts the exception handler and the status-code pages in front of each service's own pipeline, so Program.cs
/// cannot forget them or put them in the wrong place: an unhandled exception becomes a 500 (or 503) problem, and an
/// error answered without a body (an unknown route's 404, a 405, a 415) gets one.
/// </summary>
internal sealed class ServiceDefaultsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        next(app);
    };
}
