namespace Alexandrite.ServiceDefaults.Clients;

/// <summary>The pages of a list read by keyset (the operator queue, a customer's orders).</summary>
public static class KeysetPage
{
    /// <summary>
    /// A page from the <paramref name="limit"/> + 1 rows the query read: the first <paramref name="limit"/>, and whether
    /// more follow. Reading one row more is how a list knows there is a next page, and never links to an empty one.
    /// </summary>
    public static (IReadOnlyList<T> Items, bool More) Of<T>(List<T> rows, int limit)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Count > limit ? (rows.GetRange(0, limit), true) : (rows, false);
    }
}
