using Alexandrite.Scenarios.Lifecycle;
using Alexandrite.Scenarios.Security;
using Alexandrite.Scenarios.Tracing;

namespace Alexandrite.AspireTests;

// The scenarios of Tests/Scenarios, written once, run here on the Aspire face (the AppHost with its containers).
// Tests/EndToEnd runs the same classes on the Docker-free face.

[Collection(AspireCollection.Name)]
public sealed class OrderLifecycleOnAspire(AspireFixture system) : OrderLifecycleScenarios(system);

[Collection(AspireCollection.Name)]
public sealed class IllegalTransitionsOnAspire(AspireFixture system) : IllegalTransitionScenarios(system);

[Collection(AspireCollection.Name)]
public sealed class RolesOnAspire(AspireFixture system) : RoleScenarios(system);

[Collection(AspireCollection.Name)]
public sealed class OrderTraceOnAspire(AspireFixture system) : OrderTraceScenarios(system);

[Collection(AspireCollection.Name)]
public sealed class DemoCommandsOnAspire(AspireFixture system) : DemoCommandScenarios(system);
