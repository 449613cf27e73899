using System.Net;
using System.Net.Http.Json;

namespace Alexandrite.Crm.Api.Journey;

/// <summary>
/// Mes.Api's account of an order's price calculation (GET /api/price-jobs/{id}), asked on behalf of the staff member
/// reading the journey: what MES knows about an order waiting in SUBMITTED that the Shop DB cannot tell.
/// </summary>
internal sealed class MesPriceJobs(HttpClient http)
{
    /// <summary>The job, <see cref="PriceJobAnswer.NotTaken"/> when MES has none, or an exception when MES does not answer.</summary>
    public async Task<PriceJobAnswer> GetAsync(Guid orderId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/price-jobs/{orderId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return PriceJobAnswer.NotTaken;
        }

        response.EnsureSuccessStatusCode();
        return new PriceJobAnswer(await response.Content.ReadFromJsonAsync<PriceJobView>(cancellationToken));
    }
}

/// <param name="Job">Null: MES has not taken the order's message.</param>
internal sealed record PriceJobAnswer(PriceJobView? Job)
{
    public static readonly PriceJobAnswer NotTaken = new((PriceJobView?)null);
}

/// <summary>The fields of Mes.Api's PriceJobAccount the journey reads.</summary>
internal sealed record PriceJobView(string Status, int Attempts, long ProgressMs, long? PlannedMs, string? LastProblem, DateTimeOffset? LastProblemAt);
