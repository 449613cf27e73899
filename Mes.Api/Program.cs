using Alexandrite.Mes.Api.Apis;
using Alexandrite.Mes.Api.Extensions;
using Alexandrite.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultOpenApi();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapConsumerSwitch();
app.UseDefaultOpenApi("MES API");
app.MapOperatorApi();
app.MapPriceJobsApi();

app.Run();
