using Alexandrite.Scenarios.Lifecycle;
using Alexandrite.Scenarios.Security;
using Alexandrite.Scenarios.Tracing;

namespace Alexandrite.EndToEnd.Tests.Faces;

// The scenarios of Tests/Scenarios, written once, run here on the Docker-free face (processes against real
// Postgres, RabbitMQ and S3). Tests/AspireTests runs the same classes on the AppHost.

[Collection(SystemCollection.Name)]
public sealed class OrderLifecycleOnProcesses(SystemFixture system) : OrderLifecycleScenarios(system);

[Collection(SystemCollection.Name)]
public sealed class IllegalTransitionsOnProcesses(SystemFixture system) : IllegalTransitionScenarios(system);

[Collection(SystemCollection.Name)]
public sealed class RolesOnProcesses(SystemFixture system) : RoleScenarios(system);

[Collection(SystemCollection.Name)]
public sealed class OrderTraceOnProcesses(SystemFixture system) : OrderTraceScenarios(system);

[Collection(SystemCollection.Name)]
public sealed class DemoCommandsOnProcesses(SystemFixture system) : DemoCommandScenarios(system);
