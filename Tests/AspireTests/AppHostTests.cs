using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;

namespace Alexandrite.AspireTests;

/// <summary>What the AppHost itself promises, on the running application: the mode the dashboard shows, the journey's links.</summary>
[Collection(AspireCollection.Name)]
public sealed class AppHostTests(AspireFixture fixture)
{
    private static readonly string[] InfrastructureResources = ["postgres", ResourceNames.Messaging, ResourceNames.Storage];

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_dashboard_shows_the_mode_the_infrastructure_runs_in()
    {
        var model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();
        var shown = await model.Resources.OfType<ParameterResource>().Single(parameter => parameter.Name == "infrastructure-mode").GetValueAsync(default);

        var infrastructure = InfrastructureResources.Select(name => model.Resources.Single(resource => resource.Name == name)).ToList();
        if (infrastructure.All(resource => resource is ExecutableResource))
        {
            Assert.StartsWith("host processes", shown, StringComparison.Ordinal);
        }
        else
        {
            Assert.All(infrastructure, resource => Assert.IsAssignableFrom<ContainerResource>(resource));
            Assert.StartsWith("containers", shown, StringComparison.Ordinal);
        }
    }

    /// <summary>Each dashboard command, run as the dashboard runs it (the resource command service).</summary>
    [Theory]
    [InlineData(ResourceNames.ShopApi, "demo-order")]
    [InlineData(ResourceNames.ShopApi, "failure-trace")]
    [InlineData(ResourceNames.MesApi, "failure-trace")]
    [InlineData(ResourceNames.CrmApi, "failure-trace")]
    [InlineData(ResourceNames.ShopWeb, "failure-trace")]
    public async Task A_dashboard_command_succeeds(string resource, string command)
    {
        var result = await fixture.App.ResourceCommands.ExecuteCommandAsync(resource, command).WaitAsync(CommandTimeout);

        Assert.True(result.Success, $"{resource} {command}: {result.Message}");
    }

    [Fact]
    public async Task The_commands_stop_and_restart_MES_taking_orders()
    {
        var pause = await fixture.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.MesApi, "pause-consumer").WaitAsync(CommandTimeout);
        var resume = await fixture.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.MesApi, "resume-consumer").WaitAsync(CommandTimeout);

        Assert.True(pause.Success, pause.Message);
        Assert.True(resume.Success, resume.Message);
    }

    [Fact]
    public async Task The_journey_links_each_trace_in_the_dashboard_the_AppHost_runs()
    {
        var orderId = await new ShopClient(fixture).CreateOrderAsync();

        var journey = await fixture.Manager.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/journey");

        var traceId = journey.GetProperty("traceId").GetString();
        Assert.False(string.IsNullOrEmpty(traceId));
        var link = new Uri(journey.GetProperty("links").GetProperty("dashboard").GetString()!);
        Assert.Equal(new Uri(fixture.DashboardUri, $"traces/detail/{traceId}"), link);
    }
}

/// <summary>Infrastructure:Mode chooses how Postgres, RabbitMQ and S3 run; the model is built, nothing is started.</summary>
public sealed class InfrastructureModeTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("Processes", typeof(ExecutableResource))]
    [InlineData("containers", typeof(ContainerResource))]
    public async Task The_setting_forces_a_mode_with_the_same_resource_names(string mode, Type kind)
    {
        await using var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([$"Infrastructure:Mode={mode}"]).WaitAsync(BuildTimeout);

        foreach (var name in new[] { "postgres", ResourceNames.Messaging, ResourceNames.Storage })
        {
            Assert.IsAssignableFrom(kind, appHost.Resources.Single(resource => resource.Name == name));
        }

        foreach (var name in new[] { ResourceNames.ShopDatabase, ResourceNames.MesDatabase, ResourceNames.Messaging, ResourceNames.Storage })
        {
            Assert.IsAssignableFrom<IResourceWithConnectionString>(appHost.Resources.Single(resource => resource.Name == name));
        }

        // Jaeger and Grafana run as containers only; without them, the dashboard is the trace UI and Prometheus the graphs.
        Assert.Equal(kind == typeof(ContainerResource), appHost.Resources.Any(resource => resource.Name == "jaeger"));
        Assert.Equal(kind == typeof(ContainerResource), appHost.Resources.Any(resource => resource.Name == "grafana"));
    }

    [Fact]
    public async Task A_Jaeger_of_your_own_replaces_the_Jaeger_container()
    {
        await using var appHost = await DistributedApplicationTestingBuilder
            .CreateAsync<Projects.AppHost>(["Infrastructure:Mode=Containers", "Telemetry:Jaeger:Endpoint=http://127.0.0.1:4318", "Telemetry:Jaeger:Protocol=http/protobuf"])
            .WaitAsync(BuildTimeout);

        Assert.DoesNotContain(appHost.Resources, resource => resource.Name == "jaeger");
        Assert.Contains(appHost.Resources, resource => resource.Name == "postgres" && resource is ContainerResource);
    }

    [Fact]
    public async Task An_unknown_mode_is_refused_with_the_values_it_takes()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["Infrastructure:Mode=Kubernetes"]).WaitAsync(BuildTimeout));

        var message = failure.InnerException?.Message ?? failure.Message;
        Assert.Contains("Infrastructure:Mode", message, StringComparison.Ordinal);
        Assert.Contains("Auto, Containers or Processes", message, StringComparison.Ordinal);
    }
}
