namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>Settings of the private S3 server (s3rver).</summary>
public sealed record S3Options
{
    /// <summary>s3rver accepts any secret and checks only the access key id, which is this fixed value.</summary>
    public const string AccessKey = "S3RVER";

    public const string SecretKey = "S3RVER";

    public int Port { get; init; } = 55690;

    /// <summary>Buckets created at start when missing (S3 naming rules: lower-case letters, digits, '-', '.').</summary>
    public IReadOnlyList<string> Buckets { get; init; } = [];

    /// <summary>The node executable.</summary>
    public string NodePath { get; init; } = "node";

    /// <summary>s3rver's CLI, relative to the repository root (installed by eng/install-prerequisites.sh).</summary>
    public string ScriptPath { get; init; } = "eng/s3rver/node_modules/s3rver/bin/s3rver.js";

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time between SIGTERM and SIGKILL at stop.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(5);
}
