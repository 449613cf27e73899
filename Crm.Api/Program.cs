using Alexandrite.Crm.Api.Apis;
using Alexandrite.Crm.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultOpenApi();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseDefaultOpenApi("CRM API");
app.MapApprovalsApi();
app.MapSupportApi();

app.Run();
