namespace Alexandrite.Mes.Api.Pricing;

/// <summary>The simulated price calculation, bound from the "Pricing" section.</summary>
public sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>
    /// Real time per simulated time: 1 in production, small in tests (0.01 runs 30 minutes in 18 seconds), 0 for
    /// instant calculations (load tests).
    /// </summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>A calculation planned longer than this (simulated time) fails with outcome "timeout".</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(45);

    /// <summary>How long a worker owns a running job without reporting progress; another may take it after that.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often (real time) a running calculation saves its progress and renews its lease.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often an idle Mes.Api looks for jobs by itself: one loop, then one more each time a look finds one. A queued
    /// job wakes a loop at once (PriceJobWakeUp); this finds the rest: jobs whose lease expired and jobs postponed
    /// after a storage outage.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Calculations one Mes.Api instance runs at once. A simulated calculation waits rather than computes, so many
    /// fit in one process; one at a time, a morning of 10-second calculations would wait hours in SUBMITTED. Each
    /// running calculation holds a database connection only while it saves progress. Instances share the jobs
    /// (FOR UPDATE SKIP LOCKED), so the total is this times the instances. Even an instant calculation waits for its
    /// model from storage and its database round trips: on a loaded machine a job took 300-500 ms, so 16 calculations
    /// at once priced 40 orders/s at best, and at 40/s the jobs queued for seconds (issue 16's benchmark).
    /// </summary>
    public int Concurrency { get; set; } = 64;

    public const int MaxConcurrency = 256;

    /// <summary>
    /// Models read from storage at once, of the <see cref="Concurrency"/> calculations. A calculation waits, but a read
    /// is work for the storage the customers' uploads need too: with 64 reads at once at 80 orders/s offered, s3rver
    /// (the storage without containers) answered uploads too late and 1,200 of them were refused with 503.
    /// </summary>
    public int StorageReads { get; set; } = 16;

    public bool IsValid() =>
        double.IsFinite(TimeScale) && TimeScale >= 0 && Timeout > TimeSpan.Zero && LeaseDuration > TimeSpan.Zero
        && CheckpointInterval > TimeSpan.Zero && PollInterval > TimeSpan.Zero && MaxSizeMillimetres > 0
        && Concurrency is >= 1 and <= MaxConcurrency && StorageReads >= 1;

    /// <summary>The largest piece the workshop can make, in millimetres along any axis (model units are mm).</summary>
    public double MaxSizeMillimetres { get; set; } = 100;
}
