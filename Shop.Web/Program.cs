using Alexandrite.Shop.Web.Components;
using Alexandrite.Shop.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapRazorComponents<App>();

app.Run();
