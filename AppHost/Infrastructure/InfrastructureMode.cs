using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Alexandrite.AppHost.Infrastructure;

/// <summary>How the AppHost runs Postgres, RabbitMQ and S3: as containers, or as processes on this machine.</summary>
internal enum InfrastructureMode
{
    /// <summary>Containers where a container runtime answers, host processes where none does.</summary>
    Auto,

    /// <summary>Postgres, RabbitMQ, MinIO and Jaeger containers (Docker or Podman).</summary>
    Containers,

    /// <summary>Debian's PostgreSQL and RabbitMQ and s3rver from npm as host processes; no Jaeger.</summary>
    Processes,
}

internal static class InfrastructureModes
{
    /// <summary>The setting that forces a mode: Infrastructure:Mode (Infrastructure__Mode) = Auto, Containers or Processes.</summary>
    public const string ModeKey = "Infrastructure:Mode";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The configured mode, or for Auto the one this machine can run: containers when the container runtime Aspire
    /// would use (ASPIRE_CONTAINER_RUNTIME, else docker, else podman) answers `info`, host processes otherwise.
    /// </summary>
    public static InfrastructureMode Resolve(IConfiguration configuration)
    {
        var configured = configuration[ModeKey];
        var mode = string.IsNullOrWhiteSpace(configured)
            ? InfrastructureMode.Auto
            : Enum.TryParse<InfrastructureMode>(configured, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidOperationException($"{ModeKey} is '{configured}'; it takes Auto, Containers or Processes.");

        if (mode != InfrastructureMode.Auto)
        {
            return mode;
        }

        string[] runtimes = configuration["ASPIRE_CONTAINER_RUNTIME"] is { Length: > 0 } chosen ? [chosen] : ["docker", "podman"];
        return runtimes.Any(RuntimeAnswers) ? InfrastructureMode.Containers : InfrastructureMode.Processes;
    }

    /// <summary>What the dashboard and the start-up summary say about the mode.</summary>
    public static string Describe(this InfrastructureMode mode) => mode switch
    {
        InfrastructureMode.Containers => "containers (Postgres, RabbitMQ, MinIO, Jaeger)",
        InfrastructureMode.Processes => "host processes (PostgreSQL, RabbitMQ, s3rver)",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Resolve the mode first."),
    };

    /// <summary>`&lt;runtime&gt; info` exits 0: the client is installed and its engine answers.</summary>
    private static bool RuntimeAnswers(string runtime)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(ProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // Not installed.
        }
    }
}
