using Alexandrite.Crm.Api.Apis;
using Alexandrite.Crm.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapApprovalsApi();

app.Run();
