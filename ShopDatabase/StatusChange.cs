using Alexandrite.Contracts;

namespace Alexandrite.ShopDatabase;

/// <summary>Who changes a status: the service that decides it (its resource name) and the person or process that acted.</summary>
public sealed record StatusActor(string Service, string ActorId);

/// <summary>One recorded status change of an order.</summary>
public sealed record StatusChange(OrderStatus? From, OrderStatus To, DateTimeOffset ChangedAt, string ChangedBy, string ActorId, string? Reason, string? TraceId);
