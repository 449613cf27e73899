using Alexandrite.Shop.Web.Components;
using Alexandrite.Shop.Web.Endpoints;
using Alexandrite.Shop.Web.Extensions;
using Alexandrite.Shop.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapSignInEndpoints();
app.MapOrderEndpoints();
app.MapBackOfficeEndpoints();
app.MapLiveStatusEndpoints();
app.MapBrowserTelemetryEndpoints();
app.MapRazorComponents<App>();

app.Run();
