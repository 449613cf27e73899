using Alexandrite.Shop.Web.Components;
using Alexandrite.Shop.Web.Endpoints;
using Alexandrite.Shop.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapSignInEndpoints();
app.MapOrderEndpoints();
app.MapBackOfficeEndpoints();
app.MapBrowserTelemetryEndpoints();
app.MapRazorComponents<App>();

app.Run();
