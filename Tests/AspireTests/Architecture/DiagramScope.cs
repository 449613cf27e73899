namespace Alexandrite.AspireTests.Architecture;

/// <summary>How much of the running system a container diagram must show.</summary>
public enum DiagramScope
{
    /// <summary>
    /// Every resource the AppHost runs in process mode but those the automation view adds (tagged automation-layer
    /// there: Prometheus, Alertmanager). The as-is and tracing views stop there: container mode adds resources that
    /// belong to later views (Jaeger).
    /// </summary>
    HostProcesses,

    /// <summary>Every resource of both modes: the view of the whole target.</summary>
    EveryMode,
}
