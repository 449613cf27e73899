using Microsoft.AspNetCore.Http;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>A development-only endpoint that fails on purpose, to show what an error trace looks like.</summary>
internal static class DiagnosticsEndpoints
{
    public const string Prefix = "/diagnostics";

    public const string FailureName = "/failure";

    public const string FailurePath = Prefix + FailureName;

    public static IResult Fail() => throw new InvalidOperationException("Deliberate failure requested at " + FailurePath);
}
