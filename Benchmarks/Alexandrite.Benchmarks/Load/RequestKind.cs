namespace Alexandrite.Benchmarks.Load;

/// <summary>The requests of one order flow, as a customer makes them, and the back-office reads timed at scale.</summary>
internal enum RequestKind
{
    Create,
    Upload,
    Submit,
    OperatorQueue,
    StuckList,
}
