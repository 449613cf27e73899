using Alexandrite.Crm.Api.Apis;
using Alexandrite.Crm.Api.Extensions;
using Alexandrite.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultOpenApi();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapConsumerSwitch();
app.UseDefaultOpenApi("CRM API");
app.MapApprovalsApi();
app.MapSupportApi();
app.MapDeadLettersApi();
app.MapAlertsApi();

app.Run();
