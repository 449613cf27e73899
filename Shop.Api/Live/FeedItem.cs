using Alexandrite.ShopDatabase;

namespace Alexandrite.Shop.Api.Live;

/// <summary>What a subscriber of the <see cref="OrderChangeFeed"/> receives: a change, or word that changes were missed.</summary>
internal readonly record struct FeedItem(OrderChange? Change)
{
    /// <summary>Changes may have been missed (the database connection was lost, or the subscriber fell behind): fetch everything again.</summary>
    public static FeedItem Refresh => default;

    public bool IsRefresh => Change is null;
}
