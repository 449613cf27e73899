namespace Alexandrite.Mes.Api.Pricing;

/// <summary>Why a model cannot be priced; recorded on the CalculatePrice span as its exception event.</summary>
internal sealed class PriceCalculationException(string reason) : Exception(reason);
