namespace Alexandrite.LocalRun.Services;

/// <summary>
/// One of the four services as the runner starts it: what the AppHost's AddProject, WithReference and
/// WaitFor say for it, in data.
/// </summary>
/// <param name="ResourceName">The resource name (OTEL_SERVICE_NAME, services__NAME__http__0).</param>
/// <param name="ProjectFolder">The project's folder under the repository root.</param>
/// <param name="AssemblyName">The built assembly's name, without .dll.</param>
/// <param name="DefaultPort">The fixed port of the developer run.</param>
/// <param name="ConnectionNames">Connection strings it receives (ConnectionStrings__NAME).</param>
/// <param name="ServiceReferences">Services whose address it receives.</param>
/// <param name="WaitFor">Services that must be healthy before it starts.</param>
public sealed record ServiceDefinition(
    string ResourceName,
    string ProjectFolder,
    string AssemblyName,
    int DefaultPort,
    IReadOnlyList<string> ConnectionNames,
    IReadOnlyList<string> ServiceReferences,
    IReadOnlyList<string> WaitFor,
    ServiceSecrets Secrets = ServiceSecrets.None);

/// <summary>Which of the run's <see cref="Credentials"/> a service is given.</summary>
[Flags]
public enum ServiceSecrets
{
    None = 0,

    /// <summary>Auth__SigningKey: the service issues or checks access tokens.</summary>
    SigningKey = 1,

    /// <summary>SignIn__Users__*: the service signs users in.</summary>
    Users = 2,
}
