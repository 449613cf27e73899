using Alexandrite.Shop.Api.Apis;
using Alexandrite.Shop.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultOpenApi();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseDefaultOpenApi("Shop API");
app.MapOrdersApi();
app.MapOrderChangesApi();
app.MapDemoApi();

app.Run();
