// Each fixture (AspireFixture, SampledAspireFixture) starts a whole AppHost: its orchestrator, infrastructure and
// services. Run at once (xUnit runs collections in parallel by default), the two systems compete for the machine:
// in one CI run the second system's Crm.Api failed to start while building its metrics exporter (each orchestrator
// checks that a port is free when it allocates it; the service binds it up to a minute later), and every timing the
// tests wait on was measured for one system on two cores. So one system at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
